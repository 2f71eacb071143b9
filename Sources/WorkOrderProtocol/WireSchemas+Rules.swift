import WorkOrderCore

/// The rules the schemas share: text patterns drawn from `TextRule.check`, the printer,
/// and the builder that collects `$defs`.
extension WireSchemas {
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
        if number == number.rounded(), abs(number) <= 9_007_199_254_740_992, let whole = Int64(exactly: number) { return String(whole) }
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
final class SchemaBuilder {
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
