/// The result of one accepted intake, event or timer: the order as it now is, what the
/// shell must do, and a line for the order's history.
public struct Step: Hashable, Codable, Sendable {
    public var order: WorkOrder
    public var actions: [WorkflowAction]
    public var history: HistoryEntry

    public init(order: WorkOrder, actions: [WorkflowAction], history: HistoryEntry) {
        self.order = order
        self.actions = actions
        self.history = history
    }
}

/// One line of an order's history.
public struct HistoryEntry: Hashable, Codable, Sendable, CustomStringConvertible {
    public var at: Instant
    public var event: String
    public var actor: Actor
    public var from: String?
    public var to: String
    public var policyVersion: String

    public init(at: Instant, event: String, actor: Actor, from: String?, to: String, policyVersion: String) {
        self.at = at
        self.event = event
        self.actor = actor
        self.from = from
        self.to = to
        self.policyVersion = policyVersion
    }

    public var description: String {
        "\(event) by \(actor.id) (\(actor.role.rawValue)): \(from ?? "[new]") → \(to)"
    }
}
