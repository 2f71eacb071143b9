import WorkOrderCore

/// One event a member of staff reports about an order: what `wo task` sends and what a
/// simulated worker plays.
public struct StaffStep: Hashable, Sendable {
    public var event: String
    public var actor: Actor
    public var fields: [String: JSONValue]

    public init(event: String, actor: Actor, fields: [String: JSONValue] = [:]) {
        self.event = event
        self.actor = actor
        self.fields = fields
    }
}
