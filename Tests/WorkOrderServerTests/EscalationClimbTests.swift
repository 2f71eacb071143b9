import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology
import WorkflowPolicy

/// Issue 12, item 7, through the server with the real `workflows/` folder: a missed
/// deadline goes to the rung above the role whose duty it was, and an order nobody acts
/// on keeps climbing at the policy's interval to the top of its chain.
@Suite("Server: escalation starts at the right rung and keeps climbing", .serialized)
struct EscalationClimbTests {
    static var workflows: String { BrokerTestEnvironment.packageRoot + "/workflows" }

    /// The escalations on wo.followups for `order`, in order, until `count` came.
    func escalations(_ count: Int, for order: String, on harness: ServerHarness) async throws -> [FollowupMessage] {
        var found: [FollowupMessage] = []
        while found.count < count, let next = try await harness.take(1, from: BrokerTopology.followupsQueue, timeout: .seconds(60)).first {
            let message = try FollowupMessage.decode(next.body)
            if message.type == .escalation, message.orderID == order { found.append(message) }
        }
        return found
    }

    /// REP-01: nobody on site, however long: engineering supervisor, site director, deputy
    /// GM, GM, then nothing more. (21,600×: 15 minutes pass in 0.04 s, 2 hours in 0.33 s.)
    @Test(.timeLimit(.minutes(3)), arguments: StoreKind.allCases)
    func REP_01_anUnattendedRepairClimbsTheWholeChain(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store, timeScale: 21_600, workflows: Self.workflows)
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "climb-repair")
        let order = try await harness.order(intake: "climb-repair")
        let climbed = try await escalations(4, for: order, on: harness)
        #expect(climbed.map(\.role) == [.engineering_supervisor, .site_director, .deputy_gm, .gm])
        #expect(climbed.map(\.level) == [1, 2, 3, 4])
        // At the top: no further escalation, and no timer left to climb with.
        #expect(try await harness.eventually { try await harness.store.timers(orderID: order).allSatisfy { $0.id.purpose != .escalation } })
        try await harness.stop()
    }

    /// CMP-04, CMP-11: the contact is the CS supervisor's duty, so its miss goes to the
    /// site director; the technician-free complaint then climbs on. When the CS supervisor
    /// finally contacts the owner, the climb stops.
    @Test(.timeLimit(.minutes(3)), arguments: StoreKind.allCases)
    func CMP_04_aMissedContactGoesAboveTheCSSupervisorAndActingStopsTheClimb(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store, timeScale: 3_600, workflows: Self.workflows)
        var intake = Fixtures.repairIntake()
        intake["kind"] = "complaint"
        intake["subject"] = "staff_attitude"
        intake["fields"] = [String: Any]()
        try await harness.publishIntake(intake, kind: "complaint", messageID: "climb-complaint")
        let order = try await harness.order(intake: "climb-complaint")
        let replies = "wo.reply.climb-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await harness.connection.declareQueue(QueueSpec(name: replies, durable: false, exclusive: true, autoDelete: false))
        try await harness.publishTransition(
            order: order, event: "classified", fields: ["class": "valid", "severity": "minor"], messageID: "climb-classified",
            replyTo: replies, by: ("li.cs", "cs_supervisor"))
        let classified = try TransitionReply.decode(try #require(try await harness.take(1, from: replies).first).body)
        #expect(classified.status == .accepted, "\(classified.reason ?? "")")
        // 2 hours pass in 2 seconds at 3,600×; the next rung 2 seconds later.
        let first = try await escalations(2, for: order, on: harness)
        #expect(first.map(\.role) == [.site_director, .complaint_centre])
        #expect(first.map(\.level) == [2, 3])
        try await harness.publishTransition(
            order: order, event: "contacted", fields: ["agreed_reply_at": harness.clock.now().millisecondsSinceEpoch + 86_400_000],
            messageID: "climb-contacted", replyTo: replies, by: ("li.cs", "cs_supervisor"))
        let contacted = try TransitionReply.decode(try #require(try await harness.take(1, from: replies).first).body)
        #expect(contacted.status == .accepted, "\(contacted.reason ?? "")")
        #expect(try await harness.eventually { try await harness.store.timers(orderID: order).allSatisfy { $0.id.purpose != .escalation } })
        try await harness.stop()
    }
}
