import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// Issue 11's cases through the real broker: each single message that used to crash,
/// freeze or fool the server ends as a dead letter or a rejection with a precise reason,
/// and the server keeps consuming and publishing.
@Suite("Server: hostile messages end as dead letters with a reason", .serialized)
struct HostileInputTests {
    static func json(_ object: [String: Any]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object))
    }

    static func intake(_ change: (inout [String: Any]) -> Void) throws -> [UInt8] {
        var body = Fixtures.repairIntake()
        change(&body)
        return try json(body)
    }

    static func complaint(households: Any) throws -> [UInt8] {
        try intake {
            $0["kind"] = "complaint"
            $0["subject"] = "neighbour_behaviour"
            $0["fields"] = ["households": households]
        }
    }

    /// What each message must be dead-lettered for: (label, body, routing key, message id, reason).
    static func intakeCases() throws -> [(String, [UInt8], String, String?, String)] {
        [
            ("households 1e19", try complaint(households: 1e19), "complaint", "h-1", "field 'fields.households' is out of range: at most 100000"),
            ("households -1e19", try complaint(households: -1e19), "complaint", "h-2", "field 'fields.households' is out of range: at least 1"),
            ("households 1e308", try complaint(households: 1e308), "complaint", "h-3", "is out of range: at most 100000"),
            ("households 2^64", Array(#"{"schema_version":1,"kind":"complaint","site":"NJ-01","household":{"building":"5","unit":"2","room":"301"},"owner":{"name":"张三","phone":"1"},"channel":"phone","subject":"neighbour_behaviour","fields":{"households":18446744073709551616}}"#.utf8),
             "complaint", "h-4", "is out of range: at most 100000"),
            ("message id of 226 bytes", try intake { _ in }, "repair", String(repeating: "m", count: 226), "AMQP message_id of 226 bytes exceeds the limit of 200"),
            ("NUL in a message id", try intake { $0["household"] = ["building": "5", "unit": "2", "room": "401"] }, "repair", "a\u{0}1", "contains a NUL character"),
            ("NUL in another message id", try intake { $0["household"] = ["building": "5", "unit": "2", "room": "402"] }, "repair", "a\u{0}2", "contains a NUL character"),
            ("NUL in a site", try intake { $0["site"] = "NJ-01\u{0}zzz" }, "repair", "nul-site", "field 'site' contains a NUL character"),
            ("forged log line in a subject", try intake { $0["subject"] = "leak\n2026-12-01T00:00:00+0000 info wo: server stopped" }, "repair", "forged",
             "field 'subject' contains a control character (U+000A)"),
            ("schema_version 1.5", try intake { $0["schema_version"] = 1.5 }, "repair", "sv-1", "schema_version 1.5 is not supported"),
            ("schema_version 2^64", Array(#"{"schema_version":18446744073709551616,"kind":"repair"}"#.utf8), "repair", "sv-2", "is not supported (expected 1)"),
            ("the engine's own role", try intake { $0["recorded_by"] = ["id": "x", "role": "system"] }, "repair", "sys-role", "'system' is the engine's own role"),
            ("no id, first", try intake { _ in }, "repair", nil, "missing AMQP message_id"),
            ("no id, the same again", try intake { _ in }, "repair", nil, "missing AMQP message_id"),
        ]
    }

    @Test(.timeLimit(.minutes(5)), arguments: StoreKind.allCases)
    func eachHostileIntakeIsDeadLetteredAndTheServerGoesOn(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        let cases = try Self.intakeCases()
        for (_, body, key, id, _) in cases {
            try await harness.publishRaw(body, routingKey: key, messageID: id)
        }
        // A 60 KB value the engine quotes in its reason: the reason stays short.
        let long = String(repeating: "长", count: 3_000)
        try await harness.publishRaw(try Self.intake { $0["fields"] = ["mode": long, "category": "leak"] }, routingKey: "repair", messageID: "long-value")
        let dead = try await harness.take(cases.count + 1, from: BrokerTopology.deadLetterQueue, timeout: .seconds(60))
        #expect(dead.count == cases.count + 1, "every message without an id is its own dead letter")
        let reasons = dead.compactMap { $0.properties.headers["x-wo-reason"]?.stringValue }
        for (label, _, _, _, expected) in cases {
            #expect(reasons.contains { $0.contains(expected) }, "\(label): no dead letter says '\(expected)' in \(reasons)")
        }
        let longReason = try #require(dead.first { $0.properties.messageID == "long-value" }?.properties.headers["x-wo-reason"]?.stringValue)
        #expect(longReason.contains("must be one of immediate, appointment"))
        #expect(longReason.count < 600, "reason of \(longReason.count) characters")
        // Every letter went out with an id AMQP can carry (the 226-byte one included).
        #expect(dead.allSatisfy { ($0.properties.messageID?.utf8.count ?? 0) <= 255 })

        // Still consuming and publishing: a request with the longest allowed id goes
        // through, and the ids derived from it fit AMQP.
        let longestID = String(repeating: "k", count: 200)
        try await harness.publishIntake(Fixtures.repairIntake(household: "999"), kind: "repair", messageID: longestID)
        let dispatched = try await harness.take(1, from: "wo.dispatch.engineering")
        #expect(dispatched.count == 1)
        #expect((dispatched.first?.properties.messageID?.utf8.count ?? 999) <= 255)
        #expect(try await harness.store.order(intakeMessageID: longestID) != nil)
        try await harness.stop()
    }

    @Test(.timeLimit(.minutes(5)))
    func hostileTransitionsAreRefusedWithAReason() async throws {
        let harness = try await ServerHarness.start()
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "t-intake")
        let order = try await harness.order(intake: "t-intake")
        _ = try await harness.take(1, from: "wo.dispatch.engineering")
        let replies = "wo.reply.hostile-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await harness.connection.declareQueue(QueueSpec(name: replies, durable: false, exclusive: true, autoDelete: false))

        // Out-of-range numbers in an event are a rejection, answered; the order is unchanged.
        try await harness.publishTransition(
            order: order, event: "escalated", fields: ["to": "gm", "reason": "late", "level": 1e19], messageID: "t-level",
            replyTo: replies, by: ("sup-1", "engineering_supervisor"))
        let answer = try #require(try await harness.take(1, from: replies).first)
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
        #expect(reply["status"] as? String == "rejected")
        #expect((reply["reason"] as? String)?.contains("field 'fields.level' is out of range: at most 20") == true, "\(reply)")

        // reply_to a department's queue: nothing applied, no reply there, a dead letter says why.
        let engineeringBefore = try await harness.depth("wo.dispatch.engineering")
        try await harness.publishTransition(order: order, event: "on_site", messageID: "t-reply-to", replyTo: "wo.dispatch.engineering")
        try await harness.publishTransition(order: order, event: "on_site", messageID: "t-reply-dead", replyTo: BrokerTopology.deadLetterQueue)
        // NUL in an order id: not the order R-… it starts with.
        try await harness.publishTransition(order: order + "\u{0}zzz", event: "on_site", messageID: "t-nul-order")
        let dead = try await harness.take(3, from: BrokerTopology.deadLetterQueue)
        let reasons = dead.compactMap { $0.properties.headers["x-wo-reason"]?.stringValue }
        #expect(reasons.filter { $0.contains("is not a reply queue") }.count == 2, "\(reasons)")
        #expect(reasons.contains { $0.contains("field 'order_id' contains a NUL character") }, "\(reasons)")
        #expect(try await harness.depth("wo.dispatch.engineering") == engineeringBefore)
        #expect(try await harness.store.order(id: order)?.stateName == "awaiting_technician")

        // And the order still moves for a well-formed transition.
        try await harness.publishTransition(order: order, event: "on_site", messageID: "t-good", replyTo: replies)
        let good = try #require(try await harness.take(1, from: replies).first)
        #expect(String(decoding: good.body, as: UTF8.self).contains("\"accepted\""))
        try await harness.stop()
    }

    /// IN-04 and retention: an intake re-sent after `--retain-days` forgot its inbox key is
    /// still a duplicate (it used to hit the intake index's key and stall the pipeline).
    @Test(.timeLimit(.minutes(5)), arguments: StoreKind.allCases)
    func anIntakeResentAfterRetentionIsADuplicate(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "resent")
        let order = try await harness.order(intake: "resent")
        _ = try await harness.take(1, from: "wo.dispatch.engineering")
        let pruned = try await harness.store.prune(processedBefore: Int64.max / 2, publishedBefore: 0, outboxTypes: [])
        #expect(pruned.inboxKeys >= 1)
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "resent")
        try await harness.publishIntake(Fixtures.repairIntake(household: "302"), kind: "repair", messageID: "after-resent")
        _ = try await harness.order(intake: "after-resent")
        #expect(try await harness.store.orders(matching: OrderFilter(kind: .repair)).count == 2)
        #expect(try await harness.store.order(intakeMessageID: "resent")?.id == order)
        #expect(try await harness.depth(BrokerTopology.deadLetterQueue) == 0)
        try await harness.stop()
    }

    /// An outgoing message AMQP cannot frame (here an id of 300 bytes, as the old derived
    /// ids could be) is dead-lettered with the reason; the rows behind it still go out.
    @Test(.timeLimit(.minutes(5)))
    func anOutgoingMessageTheBrokerCannotTakeIsDeadLetteredNotBlocking() async throws {
        let harness = try await ServerHarness.start()
        let now = Instant(millisecondsSinceEpoch: 1_795_400_000_000)
        let tooLong = String(repeating: "x", count: 300)
        _ = try await harness.store.commit([UnitOfWork(messageID: "outbox-test", outbox: [
            OutboxMessage(exchange: "", routingKey: "wo.dispatch.engineering", messageID: tooLong, type: "dispatch", body: Array("{}".utf8), createdAt: now),
        ])])
        let dead = try #require(try await harness.take(1, from: BrokerTopology.deadLetterQueue).first)
        let reason = dead.properties.headers["x-wo-reason"]?.stringValue ?? ""
        #expect(reason.contains("message_id of 300 bytes exceeds AMQP's limit of 255"), "\(reason)")
        #expect((dead.properties.messageID?.utf8.count ?? 999) <= 255)
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "after-bad-outbox")
        #expect(try await harness.take(1, from: "wo.dispatch.engineering").count == 1)
        #expect(try await harness.eventually { try await harness.store.outboxDepth() == 0 })
        try await harness.stop()
    }
}
