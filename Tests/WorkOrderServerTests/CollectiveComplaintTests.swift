import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// CMP-02, CMP-03 (issue 12, items 3 and 10): every household's complaint of a collective
/// event is bound to it, not only the one that crossed the threshold; "the same event" is
/// the same subject from the same building within the window.
@Suite("Server: every household of a collective complaint is bound to it", .serialized)
struct CollectiveComplaintTests {
    static func complaint(building: String, room: String) -> [String: Any] {
        var intake = Fixtures.repairIntake(household: room, subject: "public_repair")
        intake["kind"] = "complaint"
        intake["household"] = ["building": building, "unit": "1", "room": room]
        intake["fields"] = [String: Any]()
        return intake
    }

    static func file(_ order: WorkOrder?) -> ComplaintFile? {
        guard case .complaint(let state)? = order?.state else { return nil }
        return state.file
    }

    @Test(.timeLimit(.minutes(3)), arguments: StoreKind.allCases)
    func CMP_02_allFiveHouseholdsAreBoundAndTheSixthJoins(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        // Four households of building 7 first, one at a time, and one of building 8.
        for room in ["101", "102", "103", "104"] {
            try await harness.publishIntake(Self.complaint(building: "7", room: room), kind: "complaint", messageID: "col-\(room)")
            _ = try await harness.order(intake: "col-\(room)")
        }
        try await harness.publishIntake(Self.complaint(building: "8", room: "801"), kind: "complaint", messageID: "col-801")
        _ = try await harness.order(intake: "col-801")
        #expect(try await Self.file(harness.store.order(intakeMessageID: "col-101"))?.collective == false)
        // The fifth household of building 7 makes it collective.
        try await harness.publishIntake(Self.complaint(building: "7", room: "105"), kind: "complaint", messageID: "col-105")
        let lead = try await harness.order(intake: "col-105")
        let leadFile = try #require(Self.file(try await harness.store.order(id: lead)))
        #expect(leadFile.collective && leadFile.collectiveLead == nil && leadFile.households == 5)
        for room in ["101", "102", "103", "104"] {
            let member = try #require(try await harness.store.order(intakeMessageID: "col-\(room)"))
            let file = try #require(Self.file(member))
            #expect(file.collective, "room \(room) is not marked collective")
            #expect(file.collectiveLead == lead)
            #expect(member.links.contains(OrderLink(.member_of_collective, lead)))
            #expect(try await harness.store.history(orderID: member.id).contains { $0.event == CollectiveBinding.eventName })
        }
        // `wo show` of each of the five shows the collective.
        let store = ["--store", harness.storeLocation, "--workflows", BrokerTestEnvironment.packageRoot + "/workflows"]
        for room in ["101", "102", "103", "104", "105"] {
            let id = try await harness.order(intake: "col-\(room)")
            let shown = try await WorkerProcessTests.run(["show", id, "--json"] + store)
            #expect(shown.status == 0, "\(shown.output)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any])
            let collective = json["collective"] as? String ?? ""
            #expect(room == "105" ? collective.hasPrefix("collective complaint of 5 households") : collective.contains("bound to collective complaint \(lead)"),
                    "room \(room): \(collective)")
        }
        // Another building is another event.
        #expect(Self.file(try await harness.store.order(intakeMessageID: "col-801"))?.collective == false)
        // A sixth household joins the collective as it arrives.
        try await harness.publishIntake(Self.complaint(building: "7", room: "106"), kind: "complaint", messageID: "col-106")
        let sixth = try await harness.order(intake: "col-106")
        let sixthFile = try #require(Self.file(try await harness.store.order(id: sixth)))
        #expect(sixthFile.collective && sixthFile.collectiveLead == lead && sixthFile.households == 6)

        // CMP-02 by hand: a supervisor releases a household counted wrongly and binds one the
        // count missed, each with who and why; a technician may do neither.
        let replies = "wo.reply.bind-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await harness.connection.declareQueue(QueueSpec(name: replies, durable: false, exclusive: true, autoDelete: false))
        func send(_ order: String, _ event: String, _ fields: [String: Any], by actor: (String, String), id: String) async throws -> TransitionReply {
            try await harness.publishTransition(order: order, event: event, fields: fields, messageID: id, replyTo: replies, by: actor)
            return try TransitionReply.decode(try #require(try await harness.take(1, from: replies).first).body)
        }
        let released = try await harness.order(intake: "col-104")
        let release = try await send(released, CollectiveBinding.releaseEventName, ["reason": "their lift is in the other stairwell"], by: ("li.cs", "cs_supervisor"), id: "release-1")
        #expect(release.status == .accepted, "\(release.reason ?? "")")
        let afterRelease = try await harness.store.order(id: released)
        #expect(Self.file(afterRelease)?.collective == false)
        #expect(afterRelease?.links.contains(OrderLink(.member_of_collective, lead)) == false)
        let rows = try await harness.store.history(orderID: released)
        #expect(rows.contains { $0.event == CollectiveBinding.releaseEventName && $0.actor == "li.cs (cs_supervisor)" })
        #expect(rows.contains { $0.detail.contains("released from collective complaint \(lead) by li.cs: their lift is in the other stairwell") })
        let other = try await harness.order(intake: "col-801")
        let refused = try await send(other, CollectiveBinding.bindEventName, ["collective": lead, "reason": "same pipe"], by: ("chen.tech", "technician"), id: "bind-1")
        #expect(refused.status == .rejected)
        let bind = try await send(other, CollectiveBinding.bindEventName, ["collective": lead, "reason": "the same burst main feeds building 8"], by: ("wang.director", "site_director"), id: "bind-2")
        #expect(bind.status == .accepted, "\(bind.reason ?? "")")
        #expect(Self.file(try await harness.store.order(id: other))?.collectiveLead == lead)
        try await harness.stop()
    }

    /// CMP-03: a bound household's complaint is replied to by home visit, like the
    /// collective itself; the special report is the lead's, not each household's.
    @Test(.timeLimit(.minutes(3)))
    func CMP_03_aBoundHouseholdIsRepliedToByHomeVisit() async throws {
        let harness = try await ServerHarness.start()
        for room in ["201", "202", "203", "204", "205"] {
            try await harness.publishIntake(Self.complaint(building: "9", room: room), kind: "complaint", messageID: "visit-\(room)")
            _ = try await harness.order(intake: "visit-\(room)")
        }
        let member = try await harness.order(intake: "visit-201")
        #expect(Self.file(try await harness.store.order(id: member))?.collectiveLead != nil)
        let replies = "wo.reply.collective-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await harness.connection.declareQueue(QueueSpec(name: replies, durable: false, exclusive: true, autoDelete: false))
        let supervisor = ("li.cs", "cs_supervisor")
        let reply = harness.clock.now().millisecondsSinceEpoch + 3_600_000
        let steps: [(String, [String: Any], TransitionReply.Status)] = [
            ("classified", ["class": "valid", "severity": "minor"], .accepted),
            ("contacted", ["agreed_reply_at": reply], .accepted),
            ("handled", ["summary": "lift repaired"], .accepted),
            ("replied", ["form": "phone", "content": "fixed"], .rejected),
            ("replied", ["form": "home_visit", "content": "fixed", "owner_signed": true], .accepted),
        ]
        for (index, (event, fields, expected)) in steps.enumerated() {
            try await harness.publishTransition(order: member, event: event, fields: fields, messageID: "visit-step-\(index)", replyTo: replies, by: supervisor)
            let answer = try TransitionReply.decode(try #require(try await harness.take(1, from: replies).first).body)
            #expect(answer.status == expected, "\(event): \(answer.reason ?? "")")
            if expected == .rejected { #expect(answer.rule == "CMP-03") }
        }
        try await harness.stop()
    }
}
