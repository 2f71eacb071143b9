import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// The real `wo worker` and `wo task` binaries against the real broker.
@Suite("Workers: the wo worker and wo task processes")
struct WorkerProcessTests {
    static var binary: String { BrokerTestEnvironment.packageRoot + "/.build/debug/wo" }

    /// Runs `wo` to completion; one still running after `timeout` is killed (status 137),
    /// so a command that never ends fails its test instead of hanging the suite.
    static func run(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-cli-\(UUID().uuidString.prefix(8)).log").path
        let child = try ChildProcess(binary, arguments, outputPath: log)
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            child.signal(SIGKILL)
        }
        let status = await child.wait()
        watchdog.cancel()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: log)
        return (status, output)
    }

    @Test(.timeLimit(.minutes(5)))
    func workerKilledWithATaskInHandLeavesItRedelivered() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the wo binary first")
        let vhost = try await TestVhost.create()
        let client = try await AMQPConnection.connect(to: vhost.url, name: "kill-test", logger: ServerHarness.logger)
        try await BrokerTopology.declare(on: client)
        let queue = BrokerTopology.dispatchQueue(for: "cleaning")
        let task = #"{"schema_version":1,"order_id":"P-1","kind":"paid_service","state":"ticketed","department":"cleaning","site":"NJ-01","household":{"building":"5","unit":"2","room":"301"},"owner":{"name":"张三","phone":"13812345678"},"subject":"deep clean","summary":"deep clean on ticket T1","at_ms":1795400000000}"#
        try await client.publish(OutgoingMessage(exchange: "", routingKey: queue, body: Array(task.utf8), properties: MessageProperties(messageID: "dispatch-1")))

        // The staff program holds the task for a minute; the worker is killed meanwhile.
        let worker = try ChildProcess(Self.binary, ["worker", "--department", "cleaning", "--exec", "sleep 60", "--amqp-url", vhost.urlString])
        // Two minutes: a debug `wo` started beside the rest of the suite can take many
        // seconds to connect and consume; every other wait for this binary allows as much.
        let taken = try await ServerHarness.eventually(timeout: .seconds(120)) {
            try await client.declareQueue(BrokerTopology.durableQueue(queue)).messageCount == 0
        }
        #expect(taken, "the worker never took the task")
        worker.signal(SIGKILL)
        #expect(await worker.wait() == 128 + SIGKILL)

        let consumer = try await client.consume(queue: queue, prefetch: 1)
        var again: Delivery?
        for try await delivery in consumer {
            again = delivery
            consumer.ack(delivery)
            break
        }
        #expect(again?.properties.messageID == "dispatch-1")
        #expect(again?.redelivered == true)
        consumer.cancel()
        await client.close()
        await vhost.delete()
    }

    @Test(.timeLimit(.minutes(5)))
    func taskCommandPrintsTheRejectionReasonAndExitsNonZero() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the wo binary first")
        let server = try await ServerHarness.start()
        try await server.publishIntake(Fixtures.repairIntake(category: "other"), kind: "repair", messageID: "task-cli")
        let order = try await server.order(intake: "task-cli")
        let url = ["--amqp-url", server.vhost.urlString]

        // Completion before anyone is on site: the state forbids it.
        let rejected = try await Self.run(["task", order, "completed", "--by", "tech-7", "--role", "technician",
                                           "owner_accepted=true", "owner_signature=张三"] + url)
        #expect(rejected.status == 2)
        #expect(rejected.output.contains("rejected: \(order) completed in state awaiting_technician"))

        let accepted = try await Self.run(["task", order, "on_site", "--by", "tech-7", "--role", "technician", "--message-id", "m-1"] + url)
        #expect(accepted.status == 0)
        #expect(accepted.output.contains("accepted: \(order) on_site → on_site"))

        // The same message id again: answered, not applied twice.
        let again = try await Self.run(["task", order, "on_site", "--by", "tech-7", "--role", "technician", "--message-id", "m-1"] + url)
        #expect(again.status == 0)
        #expect(again.output.contains("already applied"))
        #expect(try await server.store.history(orderID: order).filter { $0.event == "on_site" }.count == 1)

        let badField = try await Self.run(["task", order, "on_site", "--by", "tech-7", "--role", "wizard"] + url)
        #expect(badField.status != 0)
        #expect(badField.output.contains("--role must be one of"))
        try await server.stop()
    }
}

/// `wo broker setup` declares the contract of docs/protocol.md on an empty vhost.
@Suite("CLI: wo broker setup")
struct BrokerSetupTests {
    @Test(.timeLimit(.minutes(5)))
    func setupDeclaresTheTopologyAnIntakeSystemNeeds() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let vhost = try await TestVhost.create()
        let client = try await AMQPConnection.connect(to: vhost.url, name: "setup-test", logger: ServerHarness.logger)
        let intake = OutgoingMessage(exchange: BrokerTopology.intakeExchange, routingKey: "repair", body: Array("{}".utf8),
                                     properties: MessageProperties(messageID: "setup-1"))
        // Before: there is no wo.intake to publish to.
        await #expect(throws: (any Error).self) { try await client.publish(intake) }

        let setup = try await WorkerProcessTests.run(["broker", "setup", "--amqp-url", vhost.urlString])
        #expect(setup.status == 0, "\(setup.output)")
        let again = try await WorkerProcessTests.run(["broker", "setup", "--amqp-url", vhost.urlString])
        #expect(again.status == 0, "declaring twice is harmless: \(again.output)")

        let after = try await AMQPConnection.connect(to: vhost.url, name: "setup-test-2", logger: ServerHarness.logger)
        try await after.publish(intake)
        for queue in [BrokerTopology.intakeQueue, BrokerTopology.transitionsQueue, BrokerTopology.followupsQueue]
            + BrokerTopology.departments.map(BrokerTopology.dispatchQueue(for:)) {
            let depth = try await after.declareQueue(BrokerTopology.durableQueue(queue)).messageCount
            #expect(depth == (queue == BrokerTopology.intakeQueue ? 1 : 0), "\(queue)")
        }
        await client.close()
        await after.close()
        await vhost.delete()
    }
}
