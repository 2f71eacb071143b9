import WorkOrderCore

/// JSON Schema (draft 2020-12) documents for every message body, built from the same
/// constants the strict decoders use (`TextRule`s, ranges, enums, `StrictJSON.Limits`),
/// so intake systems in any language can validate a body before sending it. The files
/// in `docs/schemas/` are written by `wo protocol schemas` and a test keeps them equal to
/// `text(_:)` of these values.
///
/// What a schema cannot say, the decoder still checks: the body's size and nesting, and
/// the limits `StrictJSON` puts on every value, named in each document's `$comment`.
///
/// Top-level objects allow unknown properties (`additionalProperties: true`): a sender
/// that already sends a property a later version of this contract adds is not refused;
/// this version ignores it (after `StrictJSON`'s checks). Nested objects are read the
/// same way.
public enum WireSchemas {
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"
    public static let baseURL = "https://workorders.example/schemas/"

    /// Where `wo protocol schemas` writes `name`: `<name>.schema.json`.
    public static func fileName(_ name: String) -> String { "\(name).schema.json" }

    /// Every document by its name, in the order of docs/protocol.md.
    public static let all: [(name: String, schema: JSONValue)] = [
        ("intake", intake),
        ("transition", transition),
        ("reply", reply),
        ("dispatch", dispatch),
        ("followup", followup),
        ("event", event),
        ("dead-letter-replay", deadLetterReplay),
    ]

    /// The schema named `name` (`intake`, `dead-letter-replay`, …), if there is one.
    public static func schema(named name: String) -> JSONValue? {
        all.first { $0.name == name }?.schema
    }

    // MARK: - The documents

    /// An intake request as `IntakeRequest(wire:)` reads it.
    public static let intake: JSONValue = {
        let b = SchemaBuilder()
        return b.document(
            name: "intake", title: "Intake request",
            description: "An owner's request published to wo.intake with the kind as routing key; read by IntakeRequest(wire:).",
            required: ["schema_version", "kind", "site", "household", "owner", "channel", "subject"],
            properties: [
                "kind": b.choice(OrderKind.self, "The kind of order; must equal the routing key."),
                "site": b.described(b.identifier, "The site (project) code."),
                "household": b.described(b.household, "The household's address on the site."),
                "owner": b.described(b.owner, "The owner who made the request."),
                "channel": b.choice(Channel.self, "How the request reached the site (IN-01)."),
                "subject": b.described(b.line, "One line for people."),
                "content": b.optional(b.freeText, "What the owner said, as recorded; absent or null means empty."),
                "recorded_by": b.optional(b.actor, "Who recorded the request."),
                "repeat_of": b.optional(
                    b.list(b.identifier, maxItems: IntakeRequest.maxRepeatOf),
                    "Earlier orders about the same problem (IN-04); absent or null means none."),
                "fields": b.optional(b.fields, "The kind's own fields (docs/workflows.md); absent or null means none."),
            ])
    }()

    /// A transition as `TransitionMessage(wire:)` reads it.
    public static let transition: JSONValue = {
        let b = SchemaBuilder()
        return b.document(
            name: "transition", title: "Transition",
            description: "An event for one order by one actor, published to wo.transitions; read by TransitionMessage(wire:).",
            required: ["schema_version", "order_id", "event", "actor"],
            properties: [
                "order_id": b.described(b.orderID, "The order the event is for."),
                "event": b.described(b.eventName, "The event, e.g. on_site or callback_reached (docs/workflows.md)."),
                "actor": b.described(b.actor, "Who did it, in which role."),
                "fields": b.optional(b.fields, "The event's own fields; absent or null means none."),
            ])
    }()

    /// The answer to a transition as `TransitionReply(wire:)` reads it.
    public static let reply: JSONValue = {
        let b = SchemaBuilder()
        return b.document(
            name: "reply", title: "Transition reply",
            description: "The server's answer to a transition, sent to its reply_to queue and as a rejection on wo.events; read by TransitionReply(wire:).",
            required: ["schema_version", "status", "order_id", "event", "state"],
            properties: [
                "status": b.choice(TransitionReply.Status.self, "accepted, rejected, or duplicate (applied before; nothing changed)."),
                "order_id": b.described(b.orderID, "The order the transition was for."),
                "event": b.described(b.eventName, "The transition's event."),
                "state": b.described(b.identifier, "The order's state after the answer."),
                "reason": b.optional(b.freeText, "Why a transition was rejected."),
                "rule": b.optional(b.identifier, "The rule that rejected it, e.g. REP-05."),
            ])
    }()

    /// A department's task as `DispatchMessage(wire:)` reads it.
    public static let dispatch: JSONValue = {
        let b = SchemaBuilder()
        return b.document(
            name: "dispatch", title: "Dispatch",
            description: "A task for a department on wo.dispatch.<department> (AMQP type dispatch); read by DispatchMessage(wire:).",
            required: ["schema_version", "order_id", "kind", "state", "department", "site", "household", "owner", "subject", "summary", "at_ms"],
            properties: [
                "order_id": b.described(b.orderID, "The order to work on."),
                "kind": b.choice(OrderKind.self, "The order's kind."),
                "state": b.described(b.identifier, "The order's state."),
                "department": b.described(b.identifier, "The department the task is for."),
                "site": b.described(b.identifier, "The site (project) code."),
                "household": b.described(b.household, "The household's address on the site."),
                "owner": b.described(b.owner, "The owner, for the technician to contact."),
                "subject": b.described(b.line, "The request's subject."),
                "content": b.optional(b.freeText, "What the owner said, as recorded at intake (IN-01)."),
                "summary": b.described(b.freeText, "What to do; a summary starting rectify: asks to redo work (CB-06)."),
                "due_by_ms": b.optional(b.milliseconds, "When the task is due, in milliseconds since 1970."),
                "at_ms": b.described(b.milliseconds, "The server's clock when it dispatched, in milliseconds since 1970."),
            ])
    }()

    /// A notification, escalation or call-back as `FollowupMessage(wire:)` reads it.
    public static let followup: JSONValue = {
        let b = SchemaBuilder()
        let count = b.integer(FollowupMessage.counts)
        return b.document(
            name: "followup", title: "Follow-up",
            description: "A notification, escalation or due call-back on wo.followups; read by FollowupMessage(wire:).",
            required: ["schema_version", "type", "order_id", "kind", "site", "role", "at_ms"],
            properties: [
                "type": b.choice(FollowupMessage.Kind.self, "notification, escalation or callback."),
                "order_id": b.described(b.orderID, "The order it is about."),
                "kind": b.choice(OrderKind.self, "The order's kind."),
                "site": b.described(b.identifier, "The site (project) code."),
                "role": b.choice(Role.self, "The role it is for."),
                "at_ms": b.described(b.milliseconds, "The server's clock when it was sent, in milliseconds since 1970."),
                "reason": b.optional(b.freeText, "Notifications and escalations: why."),
                "level": b.optional(b.integer(1...Escalations.maxLevel), "Escalations: the rung of the chain."),
                "due_ms": b.optional(b.milliseconds, "Notifications and escalations: when something is due, in milliseconds since 1970."),
                "household": b.optional(b.household, "Call-backs: the household's address on the site."),
                "owner": b.optional(b.owner, "Call-backs: who to call."),
                "subject": b.optional(b.line, "Call-backs: the request's subject."),
                "round": b.optional(count, "Call-backs: which round of call-backs."),
                "attempt": b.optional(count, "Call-backs: which attempt of the round."),
                "max_attempts": b.optional(count, "Call-backs: how many attempts the round allows."),
                "script": b.optional(b.list(b.scriptLine, maxItems: FollowupMessage.maxScriptLines), "Call-backs: what to say, step by step (CB-04)."),
                "satisfaction_scale": b.optional(b.list(b.identifier, maxItems: FollowupMessage.maxChoices), "Call-backs: the answers the owner may give."),
                "forms": b.optional(b.list(b.identifier, maxItems: FollowupMessage.maxChoices), "Call-backs: the forms the call-back may take."),
            ])
    }()

    /// A change for observers as `OrderEventMessage(wire:)` reads it.
    public static let event: JSONValue = {
        let b = SchemaBuilder()
        return b.document(
            name: "event", title: "Order event",
            description: "A change for observers on wo.events, routing key <kind>.<state> (AMQP type event); read by OrderEventMessage(wire:).",
            required: ["schema_version", "order_id", "kind", "state", "event", "actor", "at_ms", "detail"],
            properties: [
                "order_id": b.described(b.orderID, "The order that changed."),
                "kind": b.choice(OrderKind.self, "The order's kind."),
                "state": b.described(b.identifier, "The order's state after the event."),
                "event": b.described(b.eventName, "The event."),
                "actor": b.described(b.identifier, "The id of who did it."),
                "at_ms": b.described(b.milliseconds, "When, in milliseconds since 1970."),
                "detail": b.described(b.freeText, "What happened, for people."),
                "site": b.optional(b.identifier, "The order's site."),
                "dispatches": b.optional(b.list(b.identifier, maxItems: 20), "Departments the step sent a task to."),
                "followups": b.optional(b.list(b.freeText, maxItems: 50), "Follow-ups the step sent, for people."),
            ])
    }()

    /// The replay record of `wo dead-letters replay` as `DeadLetterReplayRecord(wire:)` reads it.
    public static let deadLetterReplay: JSONValue = {
        let b = SchemaBuilder()
        return b.document(
            name: "dead-letter-replay", title: "Dead-letter replay record",
            description: "What wo dead-letters replay records on wo.events (dead_letter.replayed); read by DeadLetterReplayRecord(wire:).",
            required: [
                "schema_version", "original_message_id", "replay_message_id", "by", "reason", "corrected", "exchange", "routing_key",
                "dead_letter_reason", "at_ms",
            ],
            properties: [
                "original_message_id": b.described(b.messageID, "The dead letter's message id."),
                "replay_message_id": b.described(b.messageID, "The message id it was published again under."),
                "by": b.described(b.identifier, "Who replayed it."),
                "reason": b.described(b.freeText, "Why."),
                "corrected": ["type": "boolean", "description": "Whether the body was corrected before the replay."],
                "exchange": b.described(b.amqpName, "The exchange it was published to again."),
                "routing_key": b.described(b.amqpName, "With which routing key."),
                "dead_letter_reason": b.described(b.freeText, "Why it had been dead-lettered."),
                "at_ms": b.described(b.milliseconds, "When, in milliseconds since 1970."),
            ])
    }()

    // MARK: - Rules without a name in the decoders
}
