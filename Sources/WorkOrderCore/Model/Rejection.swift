/// Why the engine refused an intake, an event or a timer. Never a crash: the shell
/// answers the sender with `reason` and leaves the order as it was.
public struct Rejection: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Codable, Sendable {
        case invalid_intake
        case unknown_event
        case not_allowed_in_state
        case missing_field
        case invalid_field
        case not_permitted
        case rule_violation
        case stale_timer
        case internal_inconsistency
    }

    public var code: Code
    public var reason: String
    /// The RULES.md rule the rejection enforces, when there is one.
    public var rule: String?

    public init(_ code: Code, _ reason: String, rule: String? = nil) {
        self.code = code
        self.reason = reason
        self.rule = rule
    }

    public var description: String {
        rule.map { "\(reason) (\($0))" } ?? reason
    }

    /// A sender's value quoted in a reason: escaped and short (reasons go into headers and logs).
    public static func quoted(_ text: String) -> String { LogSafe.quote(text, limit: 80) }

    static func violation(_ rule: String, _ reason: String) -> Rejection {
        Rejection(.rule_violation, reason, rule: rule)
    }
}
