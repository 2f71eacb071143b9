/// Everything wrong with a folder of calendar files, one problem per entry, so
/// that staff can fix them all in one pass. The server refuses to start on any.
public struct CalendarLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [CalendarProblem]

    public init(problems: [CalendarProblem]) {
        self.problems = problems
    }

    /// One problem a line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// One thing wrong in one calendar file: the same shape as any policy problem
/// (`file:line: key: message`), e.g. `workflows/calendars/cn-mainland.yaml:14:
/// years.2026.holidays[3]: …`.
public typealias CalendarProblem = PolicyProblem
