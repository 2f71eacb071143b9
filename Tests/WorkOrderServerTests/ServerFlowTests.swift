import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// `wo serve` through the real broker on both stores.
@Suite("Server: intake to dispatch, transitions, duplicates")
struct ServerFlowTests {
    @Test(arguments: StoreKind.allCases)
    func repairIntakeIsStoredAndDispatchedToEngineering(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "intake-1")
        let dispatches = try await harness.take(1, from: "wo.dispatch.engineering")
        let dispatch = try #require(dispatches.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(dispatch.body)) as? [String: Any])
        #expect(body["schema_version"] as? Int == 1)
        #expect(body["kind"] as? String == "repair")
        #expect(body["department"] as? String == "engineering")
        #expect(dispatch.properties.type == "dispatch")
        let orderID = try #require(body["order_id"] as? String)
        let order = try #require(try await harness.store.order(intakeMessageID: "intake-1"))
        #expect(order.id == orderID)
        #expect(order.kind == .repair)
        #expect(order.policyVersion == "test")
        #expect(try await harness.store.history(orderID: orderID).first?.messageID == "intake-1")
        // REP-01: the 15-minute on-site timer is armed in the store, not in the broker.
        #expect(try await harness.store.armedTimerCount() >= 1)
        try await harness.stop()
    }

    @Test(arguments: StoreKind.allCases)
    func duplicateIntakeCreatesOneOrderAndOneDispatch(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        for _ in 0..<3 {
            try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "same-id")
        }
        // A different request after the duplicates proves they were all consumed.
        try await harness.publishIntake(Fixtures.repairIntake(household: "302"), kind: "repair", messageID: "other-id")
        let dispatches = try await harness.take(2, from: "wo.dispatch.engineering")
        #expect(Set(dispatches.compactMap(\.properties.messageID)).count == 2)
        #expect(try await harness.eventually { try await harness.depth(BrokerTopology.intakeQueue) == 0 })
        let orders = try await harness.store.orders(matching: OrderFilter(kind: .repair))
        #expect(orders.count == 2)
        #expect(try await harness.depth("wo.dispatch.engineering") == 0)
        try await harness.stop()
    }

    @Test(arguments: StoreKind.allCases)
    func forbiddenTransitionIsRecordedAndAnsweredWithTheReason(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "intake-r")
        _ = try await harness.take(1, from: "wo.dispatch.engineering")
        let order = try #require(try await harness.store.order(intakeMessageID: "intake-r"))
        let replyQueue = "wo.reply.flow-" + UUID().uuidString.prefix(6).lowercased()
        try await harness.connection.declareQueue(QueueSpec(name: replyQueue, durable: false))
        // REP-05: completing without the owner's acceptance and signature is refused.
        try await harness.publishTransition(order: order.id, event: "completed", fields: [:], messageID: "t-1", replyTo: replyQueue)
        let reply = try #require(try await harness.take(1, from: replyQueue).first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
        #expect(body["status"] as? String == "rejected")
        #expect((body["reason"] as? String)?.isEmpty == false)
        #expect(reply.properties.correlationID == "t-1")
        let after = try #require(try await harness.store.order(id: order.id))
        #expect(after.stateName == order.stateName)
        let history = try await harness.store.history(orderID: order.id)
        #expect(history.contains { $0.event == "rejected:completed" && $0.messageID == "t-1" })

        // An allowed transition is accepted and changes the state.
        try await harness.publishTransition(order: order.id, event: "on_site", messageID: "t-2", replyTo: replyQueue)
        let accepted = try #require(try await harness.take(1, from: replyQueue).first)
        let acceptedBody = try #require(try JSONSerialization.jsonObject(with: Data(accepted.body)) as? [String: Any])
        #expect(acceptedBody["status"] as? String == "accepted")
        #expect(try await harness.store.order(id: order.id)?.stateName != order.stateName)
        try await harness.stop()
    }
}
