import WorkOrderCore

/// Everything wrong with a policy folder, one problem per entry, so staff can fix them
/// all in one pass. The server refuses to start on any.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [PolicyProblem]

    public init(problems: [PolicyProblem]) {
        self.problems = problems
    }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// One thing wrong in one policy file: the file, the key path, the line, and what was expected.
public struct PolicyProblem: Hashable, Sendable, CustomStringConvertible {
    /// e.g. `workflows/complaint.yaml`.
    public var file: String
    /// e.g. `valid.contact_owner_within`; nil for the file as a whole.
    public var key: String?
    public var line: Int?
    public var message: String

    public init(file: String, key: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `file:line: key: message`, the shape compilers use.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let key { text += ": \(key)" }
        return text + ": " + message
    }
}
