import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// The real `wo serve` binary, killed with SIGKILL in the middle of a burst.
@Suite("Server: kill -9 mid-burst loses nothing and applies nothing twice", .serialized)
struct CrashRecoveryTests {
    static var binary: String { BrokerTestEnvironment.packageRoot + "/.build/debug/wo" }

    func launch(vhost: TestVhost, store: String) throws -> ChildProcess {
        // The server's log is kept for diagnosis when the test fails.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-crash-\(vhost.name)-\(UUID().uuidString.prefix(4)).log").path
        return try ChildProcess(Self.binary, [
            "serve", "--sender-check", "development", "--amqp-url", vhost.urlString, "--store", store, "--log-level", "warning",
            "--workflows", BrokerTestEnvironment.packageRoot + "/workflows",
        ], outputPath: log)
    }

    @Test(.timeLimit(.minutes(10)), arguments: StoreKind.allCases)
    func killNineMidBurstThenRestart(store kind: StoreKind) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the wo binary first (swift build)")
        let vhost = try await TestVhost.create()
        let location = try kind.freshLocation()
        let client = try await AMQPConnection.connect(to: vhost.url, name: "burst", logger: ServerHarness.logger)
        try await BrokerTopology.declare(on: client)

        var server = try launch(vhost: vhost, store: location)
        let total = 10_000
        var sent = 0
        var killed = false
        while sent < total {
            let batch = (sent..<min(sent + 500, total)).map { i in
                OutgoingMessage(
                    exchange: BrokerTopology.intakeExchange, routingKey: "repair",
                    body: try! Array(JSONSerialization.data(withJSONObject: Fixtures.repairIntake(household: "\(i)"))),
                    properties: MessageProperties(messageID: "burst-\(i)")
                )
            }
            let outcomes = await client.publishEach(batch)
            #expect(outcomes.allSatisfy { $0 == nil })
            sent += batch.count
            if !killed && sent >= total / 2 {
                // Let it work on the burst, then kill it without warning.
                try await Task.sleep(for: .milliseconds(700))
                server.signal(SIGKILL)
                #expect(await server.wait() == 128 + SIGKILL)
                killed = true
                server = try launch(vhost: vhost, store: location)
            }
        }
        // Everything accepted is processed once the restarted server catches up.
        let store = try await OrderStores.open(location, readOnly: true, logger: ServerHarness.logger)
        let deadline = ContinuousClock.now + .seconds(300)
        var count = 0
        while ContinuousClock.now < deadline {
            count = try await store.orders(matching: OrderFilter(kind: .repair)).count
            if count >= total, try await client.declareQueue(QueueSpec(name: BrokerTopology.intakeQueue, deadLetterExchange: BrokerTopology.deadLetterExchange)).messageCount == 0 { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(count == total, "orders stored: \(count) of \(total)")
        // Each accepted request is there exactly once.
        let orders = try await store.orders(matching: OrderFilter(kind: .repair))
        #expect(Set(orders.map(\.household.room)).count == total)
        for i in stride(from: 0, to: total, by: 997) {
            #expect(try await store.order(intakeMessageID: "burst-\(i)") != nil)
        }
        // Every dispatch was published: one per order, by message id (a re-send after
        // the crash carries the same id, which receivers deduplicate).
        #expect(try await ServerHarness.eventually { try await store.outboxDepth() == 0 })
        var dispatchIDs: Set<String> = []
        let consumer = try await client.consume(queue: "wo.dispatch.engineering", prefetch: 1000)
        var seen = 0
        for try await delivery in consumer {
            seen += 1
            if let id = delivery.properties.messageID { dispatchIDs.insert(id) }
            consumer.ack(delivery, multiple: true)
            if dispatchIDs.count == total { break }
        }
        #expect(dispatchIDs.count == total)
        #expect(try await client.declareQueue(QueueSpec(name: BrokerTopology.deadLetterQueue)).messageCount == 0)
        server.signal(SIGTERM)
        #expect(await server.wait() == 0, "graceful shutdown on SIGTERM exits 0")
        try await store.close()
        await client.close()
        await vhost.delete()
    }
}
