import WorkOrderCore

/// A transition published to `wo.transitions` by a worker, `wo task`, a steering
/// command or the call-back desk: an event for one order, by one actor.
public struct TransitionMessage: WireMessage, Hashable {
    /// Always `WireFormat.schemaVersion`; encoded with the body.
    public let schemaVersion = WireFormat.schemaVersion
    public var orderID: String
    public var event: String
    public var actor: Actor
    public var fields: [String: JSONValue]

    /// Event names are snake_case words (`on_site`, `callback_reached`).
    public static let eventRule = TextRule(maxCharacters: 64)

    public init(orderID: String, event: String, actor: Actor, fields: [String: JSONValue] = [:]) {
        self.orderID = orderID
        self.event = event
        self.actor = actor
        self.fields = fields
    }

    public init(wire: WireObject) throws(ContractViolation) {
        try wire.schemaVersion(WireFormat.schemaVersion)
        self.init(
            orderID: try wire.text("order_id", OrderIDs.rule),
            event: try wire.text("event", Self.eventRule),
            actor: try Actor(wire: try wire.object("actor")),
            fields: try wire.freeObject("fields")
        )
    }

    public init(from decoder: any Decoder) throws { try self.init(strictFrom: decoder) }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", orderID = "order_id", event, actor, fields
    }
}

/// The server's answer to a transition, sent to its `reply_to` queue; also the body of
/// a rejection on `wo.events` (`<kind>.rejected`).
public struct TransitionReply: WireMessage, Hashable {
    /// Always `WireFormat.schemaVersion`; encoded with the body.
    public let schemaVersion = WireFormat.schemaVersion
    public enum Status: String, Codable, CaseIterable, Sendable {
        /// Applied: `state` is the order's new state.
        case accepted
        /// The order's state forbids the event: `reason` (and `rule`) say why.
        case rejected
        /// The message id was applied before; nothing changed. `state` is the current one.
        case duplicate
    }

    public var status: Status
    public var orderID: String
    public var event: String
    public var state: String
    public var reason: String?
    public var rule: String?

    public init(status: Status, orderID: String, event: String, state: String, reason: String? = nil, rule: String? = nil) {
        self.status = status
        self.orderID = orderID
        self.event = event
        self.state = state
        self.reason = reason
        self.rule = rule
    }

    public init(wire: WireObject) throws(ContractViolation) {
        try wire.schemaVersion(WireFormat.schemaVersion)
        self.init(
            status: try wire.choice("status", Status.self),
            orderID: try wire.text("order_id", OrderIDs.rule),
            event: try wire.text("event", TransitionMessage.eventRule),
            state: try wire.text("state", .identifier),
            reason: try wire.optionalText("reason", .freeText),
            rule: try wire.optionalText("rule", .identifier)
        )
    }

    public init(from decoder: any Decoder) throws { try self.init(strictFrom: decoder) }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", status, orderID = "order_id", event, state, reason, rule
    }
}
