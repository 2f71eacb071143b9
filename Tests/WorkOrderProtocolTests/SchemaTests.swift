import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderProtocol

/// The JSON Schemas in docs/schemas are the ones the code builds (regenerate with
/// `wo protocol schemas`), and the examples in docs/protocol.md pass the strict decoders.
/// scripts/check-schemas checks the same examples against the schema files with an
/// independent validator.
@Suite struct SchemaTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemaFolder = root.appendingPathComponent("docs/schemas")

    @Test(arguments: WireSchemas.all.map(\.name))
    func committedFileIsTheGeneratedSchema(name: String) throws {
        let schema = try #require(WireSchemas.schema(named: name))
        let file = Self.schemaFolder.appendingPathComponent(WireSchemas.fileName(name))
        let committed = try Data(contentsOf: file)
        #expect(committed == Data(WireSchemas.text(schema).utf8),
            "docs/schemas/\(WireSchemas.fileName(name)) differs from the code: run `wo protocol schemas --out docs/schemas`")
    }

    @Test func noOtherSchemaFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemaFolder.path)
            .filter { $0.hasSuffix(".schema.json") }
        #expect(Set(files) == Set(WireSchemas.all.map { WireSchemas.fileName($0.name) }))
        #expect(Set(WireSchemas.all.map(\.name)).count == WireSchemas.all.count)
    }

    /// The printer writes JSON that reads back as the same value.
    @Test(arguments: WireSchemas.all.map(\.name))
    func textReadsBack(name: String) throws {
        let schema = try #require(WireSchemas.schema(named: name))
        let text = WireSchemas.text(schema)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == schema)
        #expect(text.hasSuffix("}\n"))
        guard case .object(let top) = schema else { Issue.record("\(name) is not an object"); return }
        #expect(top["$id"] == .string("https://workorders.example/schemas/\(name).json"))
        #expect(top["additionalProperties"] == true)
    }

    @Test func printer() {
        #expect(WireSchemas.text(["b": 1.0, "a": [0.5, -3, "x\"\\\n"], "c": [:], "d": []]) == """
            {
              "a": [
                0.5,
                -3,
                "x\\"\\\\\\n"
              ],
              "b": 1,
              "c": {},
              "d": []
            }

            """)
        #expect(WireSchemas.numberText(253_402_300_799_999) == "253402300799999")
    }

    /// The patterns refuse what `TextRule.check` refuses, and nothing more.
    @Test func patternsFollowTheTextRules() throws {
        let oneLine = try Regex(WireSchemas.pattern(for: .identifier)).matchingSemantics(.unicodeScalar)
        let freeText = try Regex(WireSchemas.pattern(for: .freeText)).matchingSemantics(.unicodeScalar)
        let samples = ["NJ-01", "张三", "a b", " x ", "", " ", "\u{3000}", "a\nb", "a\n", "a\tb", "a\u{0}b", "a\u{7F}", "a\u{85}", "a\u{2028}b", "a\u{202E}b", "a\u{FEFF}", "a\r\nb", "e\u{0301}"]
        for sample in samples {
            let byRule = (try? TextRule.identifier.check(sample, field: "x")) != nil
            let byPattern = (try? oneLine.firstMatch(in: sample)) != nil
            #expect(byRule == byPattern, "identifier: \(sample.debugDescription)")
            let byFreeRule = (try? TextRule.freeText.check(sample, field: "x")) != nil
            let byFreePattern = (try? freeText.firstMatch(in: sample)) != nil
            #expect(byFreeRule == byFreePattern, "free text: \(sample.debugDescription)")
        }
    }

    // MARK: - docs/protocol.md

    /// Which message a body is, from its keys (the same choice as scripts/check_schemas.py).
    static func messageType(_ body: [String: JSONValue]) -> String? {
        let has = { (key: String) in body[key] != nil }
        if has("kind"), has("household"), has("channel") { return "intake" }
        if has("status") { return "reply" }
        if has("event"), case .object? = body["actor"], !has("state") { return "transition" }
        if has("department") { return "dispatch" }
        if case .string(let type)? = body["type"], FollowupMessage.Kind(rawValue: type) != nil { return "followup" }
        if has("detail") { return "event" }
        if has("original_message_id") { return "dead-letter-replay" }
        return nil
    }

    /// Decodes `bytes` with the strict decoder of `name`.
    static func decode(_ name: String, _ bytes: [UInt8]) throws(ContractViolation) {
        switch name {
        case "intake": _ = try IntakeRequest(wire: WireObject(try StrictJSON.object(bytes)))
        case "transition": _ = try TransitionMessage.decode(bytes)
        case "reply": _ = try TransitionReply.decode(bytes)
        case "dispatch": _ = try DispatchMessage.decode(bytes)
        case "followup": _ = try FollowupMessage.decode(bytes)
        case "event": _ = try OrderEventMessage.decode(bytes)
        case "dead-letter-replay": _ = try DeadLetterReplayRecord.decode(bytes)
        default: throw ContractViolation("no decoder for '\(name)'")
        }
    }

    /// The text of each ```json fence with its line number.
    static func jsonExamples(_ markdown: String) -> [(line: Int, text: String)] {
        var examples: [(line: Int, text: String)] = []
        var current: (line: Int, lines: [String])?
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var open = current {
                if line.hasPrefix("```") {
                    examples.append((open.line, open.lines.joined(separator: "\n")))
                    current = nil
                } else {
                    open.lines.append(String(line))
                    current = open
                }
            } else if line.trimmingCharacters(in: .whitespaces) == "```json" {
                current = (index + 1, [])
            }
        }
        return examples
    }

    @Test func protocolExamplesPassTheStrictDecoders() throws {
        let markdown = try String(contentsOf: Self.root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        var checked = 0
        for example in Self.jsonExamples(markdown) {
            let bytes = Array(example.text.utf8)
            // An elided example (`…` outside a string) is not JSON: not a body to check.
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
                case .object(let body) = value, body["schema_version"] != nil
            else { continue }
            guard let name = Self.messageType(body) else {
                Issue.record("docs/protocol.md:\(example.line): cannot tell which message it is from its keys")
                continue
            }
            checked += 1
            do {
                try Self.decode(name, bytes)
            } catch {
                Issue.record("docs/protocol.md:\(example.line): the \(name) example is refused: \(error)")
            }
        }
        #expect(checked >= 6, "only \(checked) examples of docs/protocol.md were checked")
    }

    /// The hostile bodies of scripts/check_schemas.py: the strict decoders refuse them
    /// too, so the schema and the decoder agree on each.
    @Test func hostileBodiesAreRefusedByTheDecoders() throws {
        let intake: [String: JSONValue] = [
            "schema_version": 1, "kind": "repair", "site": "NJ-01", "household": ["building": "5", "unit": "2", "room": "301"],
            "owner": ["name": "张三", "phone": "13812345678"], "channel": "phone", "subject": "water leak",
            "recorded_by": ["id": "cs-12", "role": "cs_staff"], "fields": ["mode": "immediate"],
        ]
        let transition: [String: JSONValue] = [
            "schema_version": 1, "order_id": "R-20261123-3F9A2C01", "event": "completed", "actor": ["id": "tech-7", "role": "technician"],
        ]
        func bytes(_ body: [String: JSONValue]) throws -> [UInt8] { Array(try JSONEncoder().encode(JSONValue.object(body))) }
        func with(_ body: [String: JSONValue], _ key: String, _ value: JSONValue?) -> [String: JSONValue] {
            var body = body
            body[key] = value
            return body
        }
        #expect(throws: Never.self) { try Self.decode("intake", try bytes(intake)) }
        #expect(throws: Never.self) { try Self.decode("transition", try bytes(transition)) }
        let hostile: [(String, String, [String: JSONValue])] = [
            ("NUL in site", "intake", with(intake, "site", "NJ\u{0}01")),
            ("a 300-character subject", "intake", with(intake, "subject", .string(String(repeating: "x", count: 300)))),
            ("schema_version 2", "intake", with(intake, "schema_version", 2)),
            ("kind laundry", "intake", with(intake, "kind", "laundry")),
            ("role system in recorded_by", "intake", with(intake, "recorded_by", ["id": "cs-12", "role": "system"])),
            ("a newline inside subject", "intake", with(intake, "subject", "water\nleak")),
            ("a newline ending subject", "intake", with(intake, "subject", "water leak\n")),
            ("an order_id of 200 characters", "transition", with(transition, "order_id", .string(String(repeating: "R", count: 200)))),
            ("missing actor", "transition", with(transition, "actor", nil)),
        ]
        for (what, name, body) in hostile {
            #expect(throws: ContractViolation.self, "\(what)") { try Self.decode(name, try bytes(body)) }
        }
    }
}
