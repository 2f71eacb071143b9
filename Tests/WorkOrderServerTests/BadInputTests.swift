import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// Every kind of bad input ends in wo.dead-letters with its reason, and the server
/// keeps consuming.
@Suite("Server: bad input is dead-lettered with a reason")
struct BadInputTests {
    @Test(arguments: StoreKind.allCases)
    func everyKindOfBadInputIsDeadLetteredAndTheServerGoesOn(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        var missingField = Fixtures.repairIntake()
        missingField.removeValue(forKey: "site")
        var mistyped = Fixtures.repairIntake()
        mistyped["household"] = "5-2-301"
        var noMode = Fixtures.repairIntake()
        noMode["fields"] = [String: Any]()
        let cases: [(String, [UInt8], String, String?, String)] = [
            ("not-json", Array("this is not json".utf8), "repair", "bad-1", "not valid JSON"),
            ("not-utf8", [0xff, 0xfe, 0x00, 0x41], "repair", "bad-2", "not UTF-8"),
            ("unknown-kind", try Array(JSONSerialization.data(withJSONObject: Fixtures.repairIntake())), "laundry", "bad-3", "unknown kind 'laundry'"),
            ("missing-field", try Array(JSONSerialization.data(withJSONObject: missingField)), "repair", "bad-4", "missing field 'site'"),
            ("mistyped-field", try Array(JSONSerialization.data(withJSONObject: mistyped)), "repair", "bad-5", "field 'household' must be an object"),
            ("oversize", Array(repeating: UInt8(ascii: " "), count: 70 * 1024), "repair", "bad-6", "exceeds the limit"),
            ("no-message-id", try Array(JSONSerialization.data(withJSONObject: Fixtures.repairIntake())), "repair", nil, "missing AMQP message_id"),
            ("engine-rejects", try Array(JSONSerialization.data(withJSONObject: noMode)), "repair", "bad-8", "rejected intake"),
        ]
        for (_, body, key, id, _) in cases {
            try await harness.publishRaw(body, routingKey: key, messageID: id)
        }
        try await harness.publishRaw(
            try Array(JSONSerialization.data(withJSONObject: ["schema_version": 1, "order_id": "R-nope", "event": "on_site", "actor": ["id": "x", "role": "technician"]])),
            exchange: BrokerTopology.transitionsExchange, routingKey: "repair.on_site", messageID: "bad-9"
        )
        let dead = try await harness.take(cases.count + 1, from: BrokerTopology.deadLetterQueue)
        let reasons = dead.compactMap { $0.properties.headers["x-wo-reason"]?.stringValue }
        #expect(reasons.count == cases.count + 1)
        for (label, _, _, _, expected) in cases {
            #expect(reasons.contains { $0.contains(expected) }, "\(label): no dead letter says '\(expected)' in \(reasons)")
        }
        #expect(reasons.contains { $0.contains("unknown order 'R-nope'") })
        // The original body is kept for replay.
        let notJSON = dead.first { $0.properties.messageID == "bad-1" }
        #expect(notJSON?.body == Array("this is not json".utf8))

        // Still consuming: a good request goes through.
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "good-after-bad")
        #expect(try await harness.take(1, from: "wo.dispatch.engineering").count == 1)
        #expect(harness.server.metrics.value("wo_dead_letters_total") == Double(cases.count + 1))
        try await harness.stop()
    }
}
