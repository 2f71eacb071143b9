import AMQPClient
import Foundation
import Synchronization
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// The broker stops and starts while requests pour in. A broker of its own (port 5680)
/// so no other suite's broker goes away under it.
@Suite("Server: broker outage in the middle of a burst", .serialized)
struct BrokerOutageTests {
    static let port = 5680

    @Test(.timeLimit(.minutes(6)))
    func brokerRestartMidBurstLosesNothingAndAppliesNothingTwice() async throws {
        try await BrokerControl.run("start", port: Self.port)
        let vhost = try await TestVhost.create(port: Self.port)
        let server = try await ServerHarness.start(vhost: vhost)
        let policy = ReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
        let intake = try await AMQPConnection.connect(to: vhost.url, name: "outage-intake", reconnect: policy, logger: ServerHarness.logger)
        let total = 3000
        var next = 0
        var outage: Task<Void, any Error>?
        let outageOver = Flag()
        var failedBatches = 0
        // An intake system re-sends what was not confirmed, with the same message ids.
        while next < total || !outageOver.isSet {
            if next >= total / 3 && outage == nil {
                outage = Task.detached {
                    try await BrokerControl.run("stop-app", port: Self.port)
                    try await Task.sleep(for: .seconds(1))
                    try await BrokerControl.run("start-app", port: Self.port)
                    outageOver.set()
                }
            }
            let ids = (next..<(next + 100)).map { $0 % total }
            let batch = ids.map { i in
                OutgoingMessage(
                    exchange: BrokerTopology.intakeExchange, routingKey: "repair",
                    body: try! Array(JSONSerialization.data(withJSONObject: Fixtures.repairIntake(household: "\(i)"))),
                    properties: MessageProperties(messageID: "outage-\(i)"))
            }
            let outcomes = await intake.publishEach(batch)
            if outcomes.allSatisfy({ $0 == nil }) {
                next += batch.count
            } else {
                failedBatches += 1
                try await Task.sleep(for: .milliseconds(200))
            }
            if failedBatches > 300 { Issue.record("publishing never recovered"); break }
        }
        try await outage?.value

        // Every request became exactly one order, and every order's dispatch went out.
        var count = 0
        for _ in 0..<600 {
            count = try await server.store.orders(matching: OrderFilter(kind: .repair)).count
            if count >= total, try await server.store.outboxDepth() == 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(count == total, "orders stored: \(count) of \(total)")
        let orders = try await server.store.orders(matching: OrderFilter(kind: .repair))
        #expect(Set(orders.map(\.household.room)).count == total)
        #expect(try await server.store.outboxDepth() == 0)
        // Each order's dispatch went out at least once; a dispatch whose confirm the outage
        // swallowed goes out again with the same id, which the workers deduplicate.
        let dispatched = try await server.takeDistinctIDs(total, from: BrokerTopology.dispatchQueue(for: "engineering"), timeout: .seconds(120))
        #expect(dispatched.count == total)
        #expect(try await server.depth(BrokerTopology.deadLetterQueue) == 0)
        await intake.close()
        try await server.stop()
        try await BrokerControl.run("stop", port: Self.port)
    }
}

/// A flag one task raises and another reads.
final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
