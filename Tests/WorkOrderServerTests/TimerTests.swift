import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

@Suite("Server: durable SLA timers and escalation")
struct TimerTests {
    /// REP-01 with the clock 600× faster: 15 minutes pass in 1.5 s. Nobody reports
    /// on site, so the timer fires once and the escalation reaches wo.followups.
    @Test(arguments: StoreKind.allCases)
    func REP_01_missedOnSiteDeadlineEscalatesExactlyOnce(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store, timeScale: 600)
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "late-1")
        _ = try await harness.take(1, from: "wo.dispatch.engineering")
        let followups = try await harness.take(1, from: BrokerTopology.followupsQueue, timeout: .seconds(30))
        let escalation = try #require(followups.first)
        #expect(escalation.properties.type == "escalation")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(escalation.body)) as? [String: Any])
        #expect(body["role"] as? String == "engineering_supervisor")
        #expect(body["level"] as? Int == 1)
        let order = try #require(try await harness.store.order(intakeMessageID: "late-1"))
        #expect(order.stateName == "awaiting_technician")
        // Fired once: the on-site timer is gone; what is left is the climb to the next rung
        // (2 hours away, 12 s at 600×), so no second escalation follows meanwhile.
        #expect(try await harness.eventually { try await harness.store.timers(orderID: order.id).map(\.id.purpose) == [.escalation] })
        try await Task.sleep(for: .seconds(1))
        #expect(try await harness.depth(BrokerTopology.followupsQueue) == 0)
        try await harness.stop()
    }
}
