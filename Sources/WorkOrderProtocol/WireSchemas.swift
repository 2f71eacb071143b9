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

    /// `DeadLetterReplayRecord`'s `exchange` and `routing_key`: an AMQP short string's
    /// 255, empty allowed (the default exchange is "").
    static let amqpName = FollowupMessage.amqpName

    /// The rule `StrictJSON` applies to every key of an object.
    static var keyRule: TextRule { TextRule(maxCharacters: StrictJSON.Limits().maxKeyCharacters) }

    // MARK: - Text rules as patterns

    /// A pattern that matches exactly the strings `rule` lets through, apart from length:
    /// the characters `TextRule.check` refuses are excluded, and a rule that refuses blank
    /// text needs one character that is neither refused nor blank. The characters are
    /// found by asking `TextRule.check` itself, scalar by scalar.
    ///
    /// The end of the text is written `(?![\s\S])` ("no character follows"), not `$`: in
    /// Python's `re`, which `jsonschema` uses, `$` also matches before a final newline, so
    /// `^…$` would let "water leak\n" through.
    public static func pattern(for rule: TextRule) -> String {
        let refused = characterClass(refusedScalars(allowsLineBreaks: rule.allowsLineBreaks))
        if rule.allowsEmpty { return "^[^\(refused)]*(?![\\s\\S])" }
        let blank = characterClass(blankScalars)
        return "^[^\(refused)]*[^\(refused)\(blank)][^\(refused)]*(?![\\s\\S])"
    }

    /// The ranges of scalars `TextRule.check` refuses anywhere in a string.
    static func refusedScalars(allowsLineBreaks: Bool) -> [ClosedRange<UInt32>] {
        allowsLineBreaks ? scanned.refusedInFreeText : scanned.refusedInOneLine
    }

    /// Scalars a rule that refuses blank text counts as blank (a space, an ideographic space).
    static var blankScalars: [ClosedRange<UInt32>] { scanned.blank }

    /// Every Unicode scalar put to `TextRule.check` once, in one pass.
    private static let scanned: (refusedInFreeText: [ClosedRange<UInt32>], refusedInOneLine: [ClosedRange<UInt32>], blank: [ClosedRange<UInt32>]) = {
        let freeText = TextRule(maxCharacters: 1, allowsLineBreaks: true, allowsEmpty: true)
        let oneLine = TextRule(maxCharacters: 1, allowsLineBreaks: false, allowsEmpty: true)
        let notBlank = TextRule(maxCharacters: 1, allowsLineBreaks: true, allowsEmpty: false)
        var refusedInFreeText: [ClosedRange<UInt32>] = [], refusedInOneLine: [ClosedRange<UInt32>] = [], blank: [ClosedRange<UInt32>] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let inFreeText = accepts(freeText, scalar)
            if !inFreeText { add(value, to: &refusedInFreeText) }
            if !accepts(oneLine, scalar) { add(value, to: &refusedInOneLine) }
            if inFreeText, !accepts(notBlank, scalar) { add(value, to: &blank) }
        }
        return (refusedInFreeText, refusedInOneLine, blank)
    }()

    private static func accepts(_ rule: TextRule, _ scalar: Unicode.Scalar) -> Bool {
        var text = ""
        text.unicodeScalars.append(scalar)
        do {
            try rule.check(text, field: "probe")
            return true
        } catch {
            return false
        }
    }

    private static func add(_ value: UInt32, to ranges: inout [ClosedRange<UInt32>]) {
        if let last = ranges.last, last.upperBound + 1 == value {
            ranges[ranges.count - 1] = last.lowerBound...value
        } else {
            ranges.append(value...value)
        }
    }

    /// Ranges written for a character class, `\u0000-\u0008\u000B…`. Only the Basic
    /// Multilingual Plane has an escape that ECMA-262 and Python's `re` both read.
    private static func characterClass(_ ranges: [ClosedRange<UInt32>]) -> String {
        ranges.map { range in
            precondition(range.upperBound <= 0xFFFF, "WireSchemas: a text rule refuses a scalar beyond U+FFFF, which \\u cannot write")
            return range.count == 1 ? escape(range.lowerBound) : escape(range.lowerBound) + "-" + escape(range.upperBound)
        }.joined()
    }

    private static func escape(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `rule` as a string schema: length, pattern, and a sentence saying both.
    static func textSchema(_ rule: TextRule, _ what: String) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "string",
            "maxLength": .number(Double(rule.maxCharacters)),
            "pattern": .string(pattern(for: rule)),
        ]
        if !rule.allowsEmpty { schema["minLength"] = 1 }
        var sentence = "\(what): at most \(rule.maxCharacters) characters (Unicode scalars)"
        sentence += rule.allowsLineBreaks
            ? "; line breaks and tabs allowed, no other control characters"
            : "; one line: no control characters, line breaks or invisible formatting characters"
        sentence += rule.allowsEmpty ? "; may be empty." : "; not empty or only spaces."
        schema["description"] = .string(sentence)
        return .object(schema)
    }

    // MARK: - Text

    /// `schema` as pretty JSON: keys sorted by code point, two-space indent, whole
    /// numbers without a fraction, a trailing newline. The same value always gives the
    /// same bytes.
    public static func text(_ schema: JSONValue) -> String {
        var out = ""
        write(schema, indent: 0, to: &out)
        out += "\n"
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += numberText(number)
        case .string(let string): writeString(string, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                write(item, indent: indent + 1, to: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            for (index, key) in keys.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                writeString(key, to: &out)
                out += ": "
                write(members[key]!, indent: indent + 1, to: &out)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    static func numberText(_ number: Double) -> String {
        // Whole numbers up to 2^53 (every integer a Double holds exactly) print as integers.
        if number == number.rounded(), abs(number) <= 9_007_199_254_740_992 { return String(Int64(number)) }
        return number.isFinite ? "\(number)" : "null"
    }

    private static func writeString(_ string: String, to out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if LogSafe.isControl(scalar) || LogSafe.isInvisibleFormatting(scalar) {
                    out += escape(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Builds one document: each named rule it uses becomes one entry of `$defs`.
private final class SchemaBuilder {
    private var defs: [String: JSONValue] = [:]

    func document(name: String, title: String, description: String, required: [String], properties: [String: JSONValue]) -> JSONValue {
        var properties = properties
        properties["schema_version"] = [
            "const": .number(Double(WireFormat.schemaVersion)),
            "description": "The contract version this program speaks; a body with another version is dead-lettered.",
        ]
        let limits = StrictJSON.Limits()
        return [
            "$schema": .string(WireSchemas.dialect),
            "$id": .string(WireSchemas.baseURL + name + ".json"),
            "$comment": .string(
                "Unknown properties are allowed (additionalProperties: true) for forward compatibility and ignored by this version. "
                    + "Beyond this schema the receiver checks the whole body: at most \(limits.maxBytes) bytes of UTF-8, nesting at most "
                    + "\(limits.maxDepth) levels, lists at most \(limits.maxArrayItems) items, objects at most \(limits.maxObjectKeys) keys "
                    + "of at most \(limits.maxKeyCharacters) characters, every string at most \(TextRule.anyValue.maxCharacters) characters "
                    + "with no control characters but line breaks and tabs, no number that is not finite."),
            "title": .string(title),
            "description": .string(description),
            "type": "object",
            "required": .array(required.map { .string($0) }),
            "properties": .object(properties),
            "additionalProperties": true,
            "$defs": .object(defs),
        ]
    }

    /// A reference to `$defs/<name>`, made by `make` the first time.
    func ref(_ name: String, _ make: () -> JSONValue) -> JSONValue {
        if defs[name] == nil {
            let schema = make()  // may add the defs it refers to
            defs[name] = schema
        }
        return ["$ref": .string("#/$defs/\(name)")]
    }

    func text(_ name: String, _ rule: TextRule, _ what: String) -> JSONValue {
        ref(name) { WireSchemas.textSchema(rule, what) }
    }

    var identifier: JSONValue { text("identifier", .identifier, "An id or code (TextRule.identifier)") }
    var personName: JSONValue { text("person_name", .personName, "A person's name (TextRule.personName)") }
    var phone: JSONValue { text("phone", .phone, "A phone number as the owner gave it (TextRule.phone)") }
    var line: JSONValue { text("line", .line, "One line for people (TextRule.line)") }
    var freeText: JSONValue { text("free_text", .freeText, "What someone said or wrote (TextRule.freeText)") }
    var orderID: JSONValue { text("order_id", OrderIDs.rule, "An order id such as R-20261123-3F9A2C01 (OrderIDs.rule)") }
    var eventName: JSONValue { text("event_name", TransitionMessage.eventRule, "An event name (TransitionMessage.eventRule)") }
    var messageID: JSONValue { text("message_id", MessageIDs.rule, "An AMQP message id (MessageIDs.rule)") }
    var amqpName: JSONValue { text("amqp_name", WireSchemas.amqpName, "An AMQP exchange or routing key") }
    var fieldName: JSONValue { text("field_name", WireSchemas.keyRule, "A key of an object (StrictJSON.Limits.maxKeyCharacters)") }

    var milliseconds: JSONValue {
        ref("milliseconds") {
            var schema = integer(WireObject.millisecondsRange)
            if case .object(var members) = schema {
                members["description"] = "An instant in milliseconds since 1970-01-01T00:00Z, up to the end of 9999 (WireObject.millisecondsRange)."
                schema = .object(members)
            }
            return schema
        }
    }

    var household: JSONValue {
        ref("household") {
            object(
                "A household's address on the site: building / unit / room.", required: ["building", "unit", "room"],
                properties: ["building": identifier, "unit": identifier, "room": identifier])
        }
    }

    var owner: JSONValue {
        ref("owner") {
            object("The owner who made the request.", required: ["name", "phone"], properties: ["name": personName, "phone": phone])
        }
    }

    /// An actor as sent from outside: `system` is the engine's own role and never claimed.
    var actor: JSONValue {
        ref("actor") {
            object(
                "Who did something and the role they acted in; system is the engine's own role and never sent.", required: ["id", "role"],
                properties: ["id": identifier, "role": ["enum": .array(Role.allCases.filter { $0 != .system }.map { .string($0.rawValue) })]])
        }
    }

    var scriptLine: JSONValue {
        ref("script_line") {
            object("One step of a call-back script: its name and what to say.", required: ["step", "say"], properties: ["step": identifier, "say": freeText])
        }
    }

    var fields: JSONValue {
        ref("fields") {
            [
                "type": "object",
                "maxProperties": .number(Double(StrictJSON.Limits().maxObjectKeys)),
                "propertyNames": fieldName,
                "description": "Free-form fields: any JSON values, within the limits the receiver puts on every body.",
            ]
        }
    }

    func object(_ description: String, required: [String], properties: [String: JSONValue]) -> JSONValue {
        [
            "type": "object",
            "description": .string(description),
            "required": .array(required.map { .string($0) }),
            "properties": .object(properties),
        ]
    }

    func integer(_ range: ClosedRange<Int>) -> JSONValue {
        ["type": "integer", "minimum": .number(Double(range.lowerBound)), "maximum": .number(Double(range.upperBound))]
    }

    func list(_ item: JSONValue, maxItems: Int) -> JSONValue {
        ["type": "array", "maxItems": .number(Double(maxItems)), "items": item]
    }

    func choice<T: RawRepresentable & CaseIterable>(_: T.Type, _ description: String) -> JSONValue where T.RawValue == String {
        ["enum": .array(T.allCases.map { .string($0.rawValue) }), "description": .string(description)]
    }

    /// `schema` with a description; a `$ref` keeps its siblings in draft 2020-12.
    func described(_ schema: JSONValue, _ description: String) -> JSONValue {
        guard case .object(var members) = schema else { return schema }
        members["description"] = .string(description)
        return .object(members)
    }

    /// An optional property: absent, `null` (read as absent) or `schema`.
    func optional(_ schema: JSONValue, _ description: String) -> JSONValue {
        ["anyOf": [schema, ["type": "null"]], "description": .string(description)]
    }
}
