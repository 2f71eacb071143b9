import AMQPClient
import Foundation
import GRDB
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// No poison message can stop the server: one whose commit fails is found and
/// dead-lettered while the rest of its batch commits, and one that kills the process is
/// dead-lettered after the delivery limit.
@Suite("Server: a poison message is dead-lettered, the rest goes on", .serialized)
struct PoisonMessageTests {
    /// A real SQLite trigger refuses one order: the store works, that message cannot be
    /// committed. Its batch is split until it is alone; the others commit.
    @Test(.timeLimit(.minutes(5)))
    func aMessageWhoseCommitFailsIsDeadLetteredAndItsBatchCommits() async throws {
        let location = try await Self.sqliteStore(withTrigger: """
            CREATE TRIGGER refuse_poison BEFORE INSERT ON orders WHEN NEW.site = 'POISON'
            BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END
            """)
        let harness = try await ServerHarness.start(location: location)
        var messages: [OutgoingMessage] = []
        for i in 0..<40 {
            var body = Fixtures.repairIntake(household: "\(1000 + i)")
            if i == 17 { body["site"] = "POISON" }
            messages.append(OutgoingMessage(
                exchange: BrokerTopology.intakeExchange, routingKey: "repair",
                body: Array(try JSONSerialization.data(withJSONObject: body)), properties: MessageProperties(messageID: "batch-\(i)")))
        }
        // One pipelined publish: they arrive together and are taken as one batch or a few.
        #expect(await harness.connection.publishEach(messages).allSatisfy { $0 == nil })
        let dead = try await harness.take(1, from: BrokerTopology.deadLetterQueue, timeout: .seconds(60))
        #expect(dead.first?.properties.messageID == "batch-17")
        let reason = dead.first?.properties.headers["x-wo-reason"]?.stringValue ?? ""
        #expect(reason.contains("cannot be committed") && reason.contains("refused by the test trigger"), "\(reason)")
        #expect(try await harness.take(39, from: "wo.dispatch.engineering", timeout: .seconds(60)).count == 39)
        #expect(try await harness.store.orders(matching: OrderFilter(kind: .repair)).count == 39)
        // Nothing is left unacked or retried.
        #expect(try await harness.eventually { try await harness.depth(BrokerTopology.intakeQueue) == 0 })
        try await harness.stop()
    }

    /// A timer whose firing cannot be committed is set aside with a history row; the
    /// other orders' timers still fire.
    @Test(.timeLimit(.minutes(5)))
    func aTimerThatCannotFireIsSetAsideAndTheOthersFire() async throws {
        // The engine's own step rows for orders of site POISON are refused: its timers fail.
        let location = try await Self.sqliteStore(withTrigger: """
            CREATE TRIGGER refuse_poison_timer BEFORE INSERT ON history
            WHEN NEW.actor = 'system (system)' AND NEW.event <> 'timer_failed'
              AND NEW.order_id IN (SELECT id FROM orders WHERE site = 'POISON')
            BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END
            """)
        let harness = try await ServerHarness.start(timeScale: 21_600, location: location)
        var poison = Fixtures.repairIntake(household: "1")
        poison["site"] = "POISON"
        try await harness.publishIntake(poison, kind: "repair", messageID: "timer-poison")
        try await harness.publishIntake(Fixtures.repairIntake(household: "2"), kind: "repair", messageID: "timer-good")
        let poisonOrder = try await harness.order(intake: "timer-poison")
        let goodOrder = try await harness.order(intake: "timer-good")
        // The good order's on-site deadline passes and escalates (REP-01).
        #expect(try await harness.eventually(timeout: .seconds(60)) {
            try await harness.store.history(orderID: goodOrder).contains { $0.actor == "system (system)" }
        })
        #expect(try await harness.eventually(timeout: .seconds(60)) {
            try await harness.store.history(orderID: poisonOrder).contains { $0.event == "timer_failed" }
        })
        let failed = try await harness.store.history(orderID: poisonOrder).first { $0.event == "timer_failed" }
        #expect(failed?.detail.contains("refused by the test trigger") == true)
        try await harness.stop()
    }

    /// A new SQLite store (schema as the server makes it) with a real trigger added: the
    /// store works, and refuses exactly what the trigger says.
    static func sqliteStore(withTrigger sql: String) async throws -> String {
        let location = try StoreKind.sqlite.freshLocation()
        let store = try await OrderStores.open(location, logger: ServerHarness.logger)
        try await store.close()
        let queue = try DatabaseQueue(path: location)
        try await queue.write { db in try db.execute(sql: sql) }
        try queue.close()
        return location
    }

    static var binary: String { BrokerTestEnvironment.packageRoot + "/.build/debug/wo" }

    /// The real `wo serve`, made to die on one message (fault injection). The broker
    /// redelivers it after each death; the server counts the deliveries and, past
    /// `--max-deliveries`, dead-letters it unread and runs on. Nothing else is lost.
    @Test(.timeLimit(.minutes(8)))
    func aMessageThatKillsTheServerIsDeadLetteredAfterTheDeliveryLimit() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the wo binary first (swift build)")
        let vhost = try await TestVhost.create()
        let location = try StoreKind.sqlite.freshLocation()
        let client = try await AMQPConnection.connect(to: vhost.url, name: "poison", logger: ServerHarness.logger)
        try await BrokerTopology.declare(on: client)
        let limit = 3
        func publish(_ id: String, household: String) async throws {
            try await client.publish(OutgoingMessage(
                exchange: BrokerTopology.intakeExchange, routingKey: "repair",
                body: Array(try JSONSerialization.data(withJSONObject: Fixtures.repairIntake(household: household))),
                properties: MessageProperties(messageID: id)))
        }
        try await publish("before-poison", household: "1")
        try await publish("poison", household: "2")
        try await publish("after-poison", household: "3")

        var environment = ProcessInfo.processInfo.environment
        environment["WO_FAULT_CRASH_ON_MESSAGE_ID"] = "poison"
        var deaths = 0
        var clean = false
        for run in 0..<(limit + 3) {
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-poison-\(vhost.name)-\(run).log").path
            let server = try ChildProcess(Self.binary, [
                "serve", "--sender-check", "development", "--amqp-url", vhost.urlString, "--store", location, "--log-level", "info",
                "--workflows", BrokerTestEnvironment.packageRoot + "/workflows", "--max-deliveries", "\(limit)",
            ], environment: environment, outputPath: log)
            // Either it dies on the poison, or it dead-letters it and runs on.
            let outcome = await Self.dieOrSettle(server, log: log)
            if outcome == .died {
                deaths += 1
                continue
            }
            #expect(LogFile.contents(log).contains("delivery limit exceeded"))
            server.signal(SIGTERM)
            #expect(await server.wait() == 0)
            clean = true
            break
        }
        #expect(clean, "the server never got past the poison message")
        #expect(deaths == limit, "died \(deaths) times; the limit is \(limit)")
        let dead = try await Self.drain(BrokerTopology.deadLetterQueue, on: client)
        #expect(dead.map { $0.properties.messageID } == ["poison"])
        #expect(dead.first?.properties.headers["x-wo-reason"]?.stringValue?.contains("delivery limit exceeded") == true)
        let store = try await OrderStores.open(location, readOnly: true, logger: ServerHarness.logger)
        #expect(try await store.order(intakeMessageID: "before-poison") != nil)
        #expect(try await store.order(intakeMessageID: "after-poison") != nil)
        #expect(try await store.order(intakeMessageID: "poison") == nil)
        try await store.close()
        await client.close()
        await vhost.delete()
    }

    enum RunOutcome { case died, settled }

    /// Waits until the server dies, or its input queue is empty with the poison settled.
    static func dieOrSettle(_ server: ChildProcess, log: String) async -> RunOutcome {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if LogFile.contents(log).contains("fault injection: WO_FAULT_CRASH_ON_MESSAGE_ID matched") {
                _ = await server.wait()
                return .died
            }
            if LogFile.contents(log).contains("delivery limit exceeded") { return .settled }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return .settled
    }

    static func drain(_ queue: String, on client: AMQPConnection) async throws -> [Delivery] {
        let count = try await client.declareQueue(QueueSpec(name: queue, type: .classicV2)).messageCount
        guard count > 0 else { return [] }
        let consumer = try await client.consume(queue: queue, prefetch: UInt16(clamping: count))
        var got: [Delivery] = []
        for try await delivery in consumer {
            got.append(delivery)
            consumer.ack(delivery)
            if got.count == count { break }
        }
        consumer.cancel()
        return got
    }
}
