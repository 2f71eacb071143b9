import WorkOrderCore

/// Why a message does not meet the wire contract: which field, and what is wrong with it.
/// Its description is what goes into `x-wo-reason`, a rejection or a log line, so every
/// value it quotes from the sender has passed through `LogSafe` first.
public struct ContractViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// A dotted path (`household.room`, `fields.households`); nil for the body as a whole.
    public var field: String?
    public var problem: String

    public init(field: String?, _ problem: String) {
        self.field = field.map { LogSafe.quote($0, limit: 80) }
        self.problem = problem
    }

    /// A problem with the body or a property as a whole.
    public init(_ problem: String) {
        self.field = nil
        self.problem = problem
    }

    public static func missing(_ field: String) -> ContractViolation {
        ContractViolation("missing field '\(LogSafe.quote(field, limit: 80))'")
    }

    public var description: String {
        guard let field else { return problem }
        return "field '\(field)' \(problem)"
    }
}
