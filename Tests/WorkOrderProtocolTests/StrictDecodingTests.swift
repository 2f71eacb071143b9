import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderProtocol

/// Each refusal names the field and the limit; nothing from outside is converted with a
/// trapping conversion.
@Suite struct StrictDecodingTests {
    nonisolated(unsafe) static let intake: [String: Any] = [
        "schema_version": 1, "kind": "repair", "site": "NJ-01", "household": ["building": "5", "unit": "2", "room": "301"],
        "owner": ["name": "张三", "phone": "13812345678"], "channel": "phone", "subject": "water leak",
        "content": "kitchen pipe leaking", "fields": ["mode": "immediate", "category": "leak"],
    ]

    func decodeIntake(_ change: (inout [String: Any]) -> Void) -> InboundMessage {
        var body = Self.intake
        change(&body)
        let bytes = Array(try! JSONSerialization.data(withJSONObject: body))
        return InboundMessage.decode(InboundEnvelope(route: .intake, routingKey: "repair", messageID: "m-1", body: bytes), maxBodyBytes: 65_536)
    }

    func reason(_ message: InboundMessage) -> String? {
        if case .invalid(let violation, _) = message { return violation.description }
        return nil
    }

    @Test func aGoodIntakeDecodes() {
        guard case .intake(let request, let id) = decodeIntake({ _ in }) else {
            Issue.record("refused a good intake")
            return
        }
        #expect(id == "m-1")
        #expect(request.household.room == "301")
    }

    @Test(arguments: [
        ("site", "NJ\u{0}01", "field 'site' contains a NUL character at position 3"),
        ("site", String(repeating: "s", count: 65), "field 'site' is too long: 65 characters, at most 64"),
        ("subject", "leak\nforged", "field 'subject' contains a control character (U+000A) at position 5; line breaks are not allowed here"),
        ("subject", "a\u{202E}b", "field 'subject' contains an invisible formatting character (U+202E)"),
        ("subject", "   ", "field 'subject' is empty"),
        ("content", String(repeating: "长", count: 4001), "field 'content' is too long: 4001 characters, at most 4000"),
        ("channel", "pigeon", "field 'channel' must be one of phone, visit, letter, fax, email, on_site_staff"),
    ])
    func textRules(field: String, value: String, expected: String) {
        let refused = reason(decodeIntake { $0[field] = value })
        #expect(refused?.contains(expected) == true, "\(refused ?? "accepted")")
    }

    @Test func freeTextKeepsItsLineBreaks() {
        guard case .intake(let request, _) = decodeIntake({ $0["content"] = "第一行\n第二行\t完" }) else {
            Issue.record("refused line breaks in content")
            return
        }
        #expect(request.content == "第一行\n第二行\t完")
    }

    @Test func nestedFieldsArePathed() {
        let refused = reason(decodeIntake { $0["household"] = ["building": "5", "unit": 2, "room": "301"] })
        #expect(refused == "field 'household.unit' must be text, got a number")
        let deep = reason(decodeIntake { $0["fields"] = ["notes": ["a\u{7}b"]] })
        #expect(deep?.contains("field 'fields.notes[0]' contains a control character (U+0007)") == true, "\(deep ?? "")")
    }

    @Test(arguments: [1.5, 2.0, 18_446_744_073_709_551_616.0, -1.0])
    func schemaVersionIsReportedAsSuch(version: Double) {
        let refused = reason(decodeIntake { $0["schema_version"] = version })
        #expect(refused?.hasPrefix("schema_version ") == true && refused?.contains("is not supported (expected 1)") == true, "\(refused ?? "")")
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let body = Array(String(repeating: "[", count: 100_000).utf8)
        let refused = reason(InboundMessage.decode(InboundEnvelope(route: .intake, routingKey: "repair", messageID: "m", body: body), maxBodyBytes: 1_000_000))
        #expect(refused == "body nests 100000 levels deep; at most 8")
    }

    @Test func messageIDs() {
        let body = Array(try! JSONSerialization.data(withJSONObject: Self.intake))
        func refused(_ id: String?) -> String? {
            reason(InboundMessage.decode(InboundEnvelope(route: .intake, routingKey: "repair", messageID: id, body: body), maxBodyBytes: 65_536))
        }
        #expect(refused(nil) == "missing AMQP message_id (the idempotency key)")
        #expect(refused(String(repeating: "m", count: 226)) == "AMQP message_id of 226 bytes exceeds the limit of 200")
        #expect(refused("a\u{0}1")?.contains("AMQP field 'message_id' contains a NUL character") == true)
        #expect(refused(String(repeating: "m", count: 200)) == nil)
        let malformed = InboundMessage.decode(
            InboundEnvelope(route: .intake, routingKey: "repair", messageID: "x", malformedProperties: ["message_id"], body: body), maxBodyBytes: 65_536)
        #expect(reason(malformed) == "AMQP message_id is not valid UTF-8")
    }

    @Test func derivedIDsAlwaysFitAMQP() {
        let base = String(repeating: "长", count: 66) // 198 bytes
        let derived = MessageIDs.derived(base, "/R-20261201-0000000A-D1-D2/dispatch12")
        #expect(derived.utf8.count <= 255)
        #expect(derived == MessageIDs.derived(base, "/R-20261201-0000000A-D1-D2/dispatch12"), "stable, so a re-send keeps its id")
        #expect(derived != MessageIDs.derived(base + "x", "/R-20261201-0000000A-D1-D2/dispatch12"))
        #expect(MessageIDs.derived("short", "/reply") == "short/reply")
        #expect(MessageIDs.derived(String(repeating: "a", count: 250), String(repeating: "b", count: 300)).utf8.count <= 255)
    }

    @Test(arguments: [
        ("amq.gen-JzTY20BRgKO-HjmUJj0wLg", true), ("wo.reply.3f9a2c01", true), ("wo.dispatch.engineering", false),
        ("wo.dead-letters", false), ("wo.server.intake", false), ("wo.reply.", false), ("wo.reply.a\nb", false), ("", false),
    ])
    func replyAddresses(queue: String, allowed: Bool) {
        #expect(((try? ReplyAddress.check(queue)) != nil) == allowed)
    }

    @Test func reasonsQuoteSenderValuesBoundedAndEscaped() {
        let refused = reason(decodeIntake { $0["kind"] = String(repeating: "k", count: 50_000) }) ?? ""
        #expect(refused.count < 400, "\(refused.count)")
        let key = reason(InboundMessage.decode(
            InboundEnvelope(route: .intake, routingKey: "laundry\n2026 fake line", messageID: "m", body: Array(try! JSONSerialization.data(withJSONObject: Self.intake))),
            maxBodyBytes: 65_536)) ?? ""
        #expect(!key.contains("\n") && key.contains("laundry\\u{A}2026"))
    }

    @Test func ranges() throws {
        let object = WireObject(["n": .number(1e19), "m": .number(-1e19), "h": .number(1.5), "ok": .number(42)])
        #expect(throws: ContractViolation(field: "n", "is out of range: at most 100")) { try object.int("n", in: 0...100) }
        #expect(throws: ContractViolation(field: "m", "is out of range: at least 0")) { try object.int("m", in: 0...100) }
        #expect(throws: ContractViolation(field: "h", "must be a whole number, got 1.5")) { try object.int("h", in: 0...100) }
        #expect(try object.int("ok", in: 0...100) == 42)
        #expect(throws: ContractViolation.self) { try object.int("n", in: Int.min...Int.max) }
    }
}
