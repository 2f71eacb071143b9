/// One allowed transition: in state `from`, event `event` may lead to state `to`.
public struct Transition: Hashable, Codable, Sendable {
    public var from: String
    public var event: String
    public var to: String
    /// The rule this edge enforces, for diagrams and docs.
    public var rule: String?

    public init(_ from: String, _ event: String, _ to: String, rule: String? = nil) {
        self.from = from
        self.event = event
        self.to = to
        self.rule = rule
    }
}

/// The states, events and allowed transitions of one machine. The machine refuses any
/// event the table does not allow from the current state, and the engine checks that
/// every transition a machine takes is in the table, so the diagrams drawn from it
/// are the rules the engine runs.
public struct TransitionTable: Hashable, Codable, Sendable {
    public var name: String
    /// States an order may start in (reached by the pseudo-event `opened`).
    public var initial: [String]
    /// States in which the order has ended.
    public var finals: [String]
    public var transitions: [Transition]

    public init(name: String, initial: [String], finals: [String], transitions: [Transition]) {
        self.name = name
        self.initial = initial
        self.finals = finals
        self.transitions = transitions
    }

    /// All states, in order of first appearance.
    public var states: [String] {
        var seen: [String] = []
        for state in initial + transitions.flatMap({ [$0.from, $0.to] }) + finals where !seen.contains(state) {
            seen.append(state)
        }
        return seen
    }

    /// All events, in order of first appearance.
    public var events: [String] {
        var seen: [String] = []
        for t in transitions where !seen.contains(t.event) { seen.append(t.event) }
        return seen
    }

    public func allowedEvents(from state: String) -> [String] {
        var seen: [String] = []
        for t in transitions where t.from == state && !seen.contains(t.event) { seen.append(t.event) }
        return seen
    }

    public func allows(_ event: String, from state: String) -> Bool {
        transitions.contains { $0.from == state && $0.event == event }
    }

    public func contains(from: String, event: String, to: String) -> Bool {
        transitions.contains { $0.from == from && $0.event == event && $0.to == to }
    }

    /// The rejection for an event the table does not allow here.
    func refusal(_ event: String, in state: String) -> Rejection {
        let allowed = allowedEvents(from: state)
        let hint = allowed.isEmpty ? "the order has ended" : "allowed here: " + allowed.joined(separator: ", ")
        return Rejection(.not_allowed_in_state, "'\(event)' is not allowed while the \(name) order is '\(state)'; \(hint)")
    }
}

extension TimerPurpose {
    /// The event a firing timer becomes in the transition tables.
    public var eventName: String {
        switch self {
        case .callback: return "callback_due"
        case .callback_retry: return "callback_retry_due"
        case .arrival_check: return "arrival_check_due"
        default: return rawValue + "_overdue"
        }
    }
}
