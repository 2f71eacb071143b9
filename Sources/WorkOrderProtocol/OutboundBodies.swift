import WorkOrderCore

/// A task for a department on `wo.dispatch.<department>` (AMQP `type` = `dispatch`).
public struct DispatchMessage: WireMessage, Hashable {
    /// Always `WireFormat.schemaVersion`; encoded with the body.
    public let schemaVersion = WireFormat.schemaVersion
    public var orderID: String
    public var kind: OrderKind
    public var state: String
    public var department: String
    public var site: String
    public var household: Household
    public var owner: Owner
    public var subject: String
    /// What the owner said (IN-01), as recorded at intake.
    public var content: String
    public var summary: String
    public var dueByMs: Int64?
    /// The server's clock when it dispatched (its scaled clock under `--time-scale`).
    public var atMs: Int64

    public init(
        orderID: String, kind: OrderKind, state: String, department: String, site: String, household: Household, owner: Owner,
        subject: String, content: String, summary: String, dueByMs: Int64?, atMs: Int64
    ) {
        self.orderID = orderID
        self.kind = kind
        self.state = state
        self.department = department
        self.site = site
        self.household = household
        self.owner = owner
        self.subject = subject
        self.content = content
        self.summary = summary
        self.dueByMs = dueByMs
        self.atMs = atMs
    }

    public init(wire: WireObject) throws(ContractViolation) {
        try wire.schemaVersion(WireFormat.schemaVersion)
        self.init(
            orderID: try wire.text("order_id", OrderIDs.rule), kind: try wire.choice("kind", OrderKind.self),
            state: try wire.text("state", .identifier), department: try wire.text("department", .identifier),
            site: try wire.text("site", .identifier), household: try Household(wire: try wire.object("household")),
            owner: try Owner(wire: try wire.object("owner")), subject: try wire.text("subject", .line),
            content: try wire.optionalText("content", .freeText) ?? "", summary: try wire.text("summary", .freeText), dueByMs: try wire.optionalMilliseconds("due_by_ms"),
            atMs: try wire.milliseconds("at_ms"))
    }

    public init(from decoder: any Decoder) throws { try self.init(strictFrom: decoder) }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", orderID = "order_id", kind, state, department, site, household, owner, subject, content, summary
        case dueByMs = "due_by_ms", atMs = "at_ms"
    }
}

/// A message on `wo.followups`: a notification or an escalation for a role, or a
/// call-back that fell due (CB-04: who to call, the script, the scale, the forms).
public struct FollowupMessage: WireMessage, Hashable {
    /// Always `WireFormat.schemaVersion`; encoded with the body.
    public let schemaVersion = WireFormat.schemaVersion
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case notification, escalation, callback
    }

    public struct ScriptLine: Codable, Hashable, Sendable {
        public var step: String
        public var say: String

        public init(step: String, say: String) {
            self.step = step
            self.say = say
        }
    }

    public var type: Kind
    public var orderID: String
    public var kind: OrderKind
    public var site: String
    public var role: Role
    public var atMs: Int64
    // Notifications and escalations.
    public var reason: String?
    public var level: Int?
    public var dueMs: Int64?
    // Call-backs.
    public var household: Household?
    public var owner: Owner?
    public var subject: String?
    public var round: Int?
    public var attempt: Int?
    public var maxAttempts: Int?
    public var script: [ScriptLine]?
    public var satisfactionScale: [String]?
    public var forms: [String]?

    public var isCallback: Bool { type == .callback }

    /// Call-back rounds and attempts are small counts.
    public static let counts: ClosedRange<Int> = 1...100
    public static let maxScriptLines = 50
    /// Satisfaction scale and forms.
    public static let maxChoices = 10
    /// The replay record's exchange and routing key: AMQP names, possibly empty.
    public static let amqpName = TextRule(maxCharacters: MessageIDs.amqpShortStringBytes, allowsEmpty: true)

    /// A notification or an escalation.
    public init(type: Kind, orderID: String, kind: OrderKind, site: String, role: Role, level: Int?, reason: String, dueMs: Int64?, atMs: Int64) {
        self.type = type
        self.orderID = orderID
        self.kind = kind
        self.site = site
        self.role = role
        self.level = level
        self.reason = reason
        self.dueMs = dueMs
        self.atMs = atMs
    }

    /// A call-back that fell due.
    public init(
        callbackFor orderID: String, kind: OrderKind, site: String, household: Household, owner: Owner, subject: String,
        round: Int, attempt: Int, maxAttempts: Int, role: Role, script: [ScriptLine], satisfactionScale: [String], forms: [String], atMs: Int64
    ) {
        self.type = .callback
        self.orderID = orderID
        self.kind = kind
        self.site = site
        self.role = role
        self.atMs = atMs
        self.household = household
        self.owner = owner
        self.subject = subject
        self.round = round
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.script = script
        self.satisfactionScale = satisfactionScale
        self.forms = forms
    }

    public init(wire: WireObject) throws(ContractViolation) {
        try wire.schemaVersion(WireFormat.schemaVersion)
        type = try wire.choice("type", Kind.self)
        orderID = try wire.text("order_id", OrderIDs.rule)
        kind = try wire.choice("kind", OrderKind.self)
        site = try wire.text("site", .identifier)
        role = try wire.choice("role", Role.self)
        atMs = try wire.milliseconds("at_ms")
        reason = try wire.optionalText("reason", .freeText)
        level = try wire.optionalInt("level", in: 1...Escalations.maxLevel)
        dueMs = try wire.optionalMilliseconds("due_ms")
        household = try wire.optionalObject("household").map { o throws(ContractViolation) in try Household(wire: o) }
        owner = try wire.optionalObject("owner").map { o throws(ContractViolation) in try Owner(wire: o) }
        subject = try wire.optionalText("subject", .line)
        round = try wire.optionalInt("round", in: Self.counts)
        attempt = try wire.optionalInt("attempt", in: Self.counts)
        maxAttempts = try wire.optionalInt("max_attempts", in: Self.counts)
        if let lines = wire.raw("script") {
            guard case .array(let items) = lines, items.count <= Self.maxScriptLines else {
                throw ContractViolation(field: wire.path("script"), "must be a list of at most \(Self.maxScriptLines) {step, say} lines")
            }
            var script: [ScriptLine] = []
            for (index, item) in items.enumerated() {
                guard case .object(let object) = item else {
                    throw ContractViolation(field: wire.path("script[\(index)]"), "must be an object {step, say}")
                }
                let line = WireObject(object, prefix: wire.path("script[\(index)]") + ".")
                script.append(ScriptLine(step: try line.text("step", .identifier), say: try line.text("say", .freeText)))
            }
            self.script = script
        }
        let scale = try wire.texts("satisfaction_scale", .identifier, maxItems: Self.maxChoices)
        satisfactionScale = wire.raw("satisfaction_scale") == nil ? nil : scale
        let forms = try wire.texts("forms", .identifier, maxItems: Self.maxChoices)
        self.forms = wire.raw("forms") == nil ? nil : forms
    }

    public init(from decoder: any Decoder) throws { try self.init(strictFrom: decoder) }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", type, orderID = "order_id", kind, site, role, atMs = "at_ms", reason, level
        case dueMs = "due_ms", household, owner, subject, round, attempt, maxAttempts = "max_attempts", script
        case satisfactionScale = "satisfaction_scale", forms
    }
}

/// A change for observers on `wo.events`, routing key `<kind>.<state>` (AMQP `type` = `event`).
public struct OrderEventMessage: WireMessage, Hashable {
    /// Always `WireFormat.schemaVersion`; encoded with the body.
    public let schemaVersion = WireFormat.schemaVersion
    public var orderID: String
    public var kind: OrderKind
    public var state: String
    public var event: String
    public var actor: String
    public var atMs: Int64
    public var detail: String
    /// The order's site (for observers that follow one site, `wo watch --site`).
    public var site: String?
    /// Departments the step sent a task to.
    public var dispatches: [String]?
    /// Follow-ups the step sent (`escalation gm level 3: …`, `notification …`, `callback round 1`).
    public var followups: [String]?

    public init(
        orderID: String, kind: OrderKind, state: String, event: String, actor: String, atMs: Int64, detail: String,
        site: String? = nil, dispatches: [String]? = nil, followups: [String]? = nil
    ) {
        self.orderID = orderID
        self.kind = kind
        self.state = state
        self.event = event
        self.actor = actor
        self.atMs = atMs
        self.detail = detail
        self.site = site
        self.dispatches = dispatches
        self.followups = followups
    }

    public init(wire: WireObject) throws(ContractViolation) {
        try wire.schemaVersion(WireFormat.schemaVersion)
        self.init(
            orderID: try wire.text("order_id", OrderIDs.rule), kind: try wire.choice("kind", OrderKind.self),
            state: try wire.text("state", .identifier), event: try wire.text("event", TransitionMessage.eventRule),
            actor: try wire.text("actor", .identifier), atMs: try wire.milliseconds("at_ms"), detail: try wire.text("detail", .freeText),
            site: try wire.optionalText("site", .identifier),
            dispatches: wire.raw("dispatches") == nil ? nil : try wire.texts("dispatches", .identifier, maxItems: 20),
            followups: wire.raw("followups") == nil ? nil : try wire.texts("followups", .freeText, maxItems: 50))
    }

    public init(from decoder: any Decoder) throws { try self.init(strictFrom: decoder) }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", orderID = "order_id", kind, state, event, actor, atMs = "at_ms", detail
        case site, dispatches, followups
    }
}

/// What `wo dead-letters replay` records on `wo.events` (`dead_letter.replayed`).
public struct DeadLetterReplayRecord: WireMessage, Hashable {
    /// Always `WireFormat.schemaVersion`; encoded with the body.
    public let schemaVersion = WireFormat.schemaVersion
    public var originalMessageID: String
    public var replayMessageID: String
    public var by: String
    public var reason: String
    public var corrected: Bool
    public var exchange: String
    public var routingKey: String
    public var deadLetterReason: String
    public var atMs: Int64

    public init(
        originalMessageID: String, replayMessageID: String, by: String, reason: String, corrected: Bool, exchange: String,
        routingKey: String, deadLetterReason: String, atMs: Int64
    ) {
        self.originalMessageID = originalMessageID
        self.replayMessageID = replayMessageID
        self.by = by
        self.reason = reason
        self.corrected = corrected
        self.exchange = exchange
        self.routingKey = routingKey
        self.deadLetterReason = deadLetterReason
        self.atMs = atMs
    }

    public init(wire: WireObject) throws(ContractViolation) {
        try wire.schemaVersion(WireFormat.schemaVersion)
        guard case .bool(let corrected)? = wire.raw("corrected") else {
            throw ContractViolation(field: wire.path("corrected"), "must be true or false")
        }
        self.init(
            originalMessageID: try wire.text("original_message_id", MessageIDs.rule),
            replayMessageID: try wire.text("replay_message_id", MessageIDs.rule), by: try wire.text("by", .identifier),
            reason: try wire.text("reason", .freeText), corrected: corrected, exchange: try wire.text("exchange", FollowupMessage.amqpName),
            routingKey: try wire.text("routing_key", FollowupMessage.amqpName),
            deadLetterReason: try wire.text("dead_letter_reason", .freeText), atMs: try wire.milliseconds("at_ms"))
    }

    public init(from decoder: any Decoder) throws { try self.init(strictFrom: decoder) }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", originalMessageID = "original_message_id", replayMessageID = "replay_message_id"
        case by, reason, corrected, exchange, routingKey = "routing_key", deadLetterReason = "dead_letter_reason", atMs = "at_ms"
    }
}

/// Escalation levels (CMP-11's chain has six rungs; a manual escalation names its own).
public enum Escalations {
    public static let maxLevel = 20
}
