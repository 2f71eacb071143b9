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

/// One thing wrong in one calendar file.
public struct CalendarProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file as it was found: the folder given to the loader joined with the
    /// file name, e.g. `workflows/calendars/cn-mainland.yaml`.
    public var file: String
    /// Where in the file, as a path of keys and list positions, e.g.
    /// `years.2026.holidays[3].from`; nil for the file as a whole.
    public var key: String?
    /// The line in the file (from 1), when known.
    public var line: Int?
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String, key: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `file:line: key: message`, in the shape compilers use so editors can jump to it.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let key { text += ": \(key)" }
        return text + ": " + message
    }
}
