import AMQPClient
import Foundation
import Logging
import ServiceLifecycle
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology
import WorkflowPolicy

/// A real `WorkflowServer` in this process, on a vhost of its own of the real broker,
/// with a real store. Messages go in and come out through AMQP only.
final class ServerHarness: Sendable {
    let vhost: TestVhost
    let connection: AMQPConnection
    let store: any OrderStore
    let server: WorkflowServer
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let storeLocation: String
    /// The server's clock (scaled under `timeScale`).
    let clock: WorkClock

    static let logger: Logger = {
        var logger = Logger(label: "test.server")
        logger.logLevel = .warning
        return logger
    }()

    /// Starts a server; pass `vhost` and `location` to restart on an earlier run's broker and store.
    /// With `workflows` (a policy folder) it starts as `wo serve` does: the folder's version
    /// is recorded in the store and older recorded versions get engines; `policy` is unused.
    static func start(
        store kind: StoreKind = .sqlite, timeScale: Double = 1, policy: PolicySet = TestPolicy.policy,
        vhost existingVhost: TestVhost? = nil, location existingLocation: String? = nil, metricsPort: Int = 0,
        workflows: String? = nil, serverURL: AMQPURL? = nil, enforcedSenders: SenderPolicy? = nil
    ) async throws -> ServerHarness {
        let vhost: TestVhost
        if let existingVhost { vhost = existingVhost } else { vhost = try await TestVhost.create() }
        let location = try existingLocation ?? kind.freshLocation()
        let store = try await OrderStores.open(location, logger: logger)
        var engines = PolicyEngines(current: policy)
        if let workflows {
            let (current, files) = try PolicyLoader.loadWithFiles(directory: workflows)
            engines = try await PolicyEngines.prepare(current: current, files: files, store: store, logger: logger)
        }
        let connection = try await AMQPConnection.connect(to: serverURL ?? vhost.url, name: "test-server", logger: logger)
        try await BrokerTopology.declare(on: connection)
        var configuration = ServerConfiguration()
        configuration.timeScale = timeScale
        configuration.metricsPort = metricsPort
        if let enforcedSenders {
            configuration.senders = enforcedSenders
            configuration.senderCheck = .enforced
        }
        let clock = WorkClock(scale: timeScale)
        let server = WorkflowServer(
            configuration: configuration, connection: connection, store: store, engines: engines,
            clock: clock, logger: logger
        )
        let group = ServiceGroup(services: server.serviceList, gracefulShutdownSignals: [], logger: logger)
        let running = Task { try await group.run() }
        return ServerHarness(vhost: vhost, connection: connection, store: store, server: server, group: group, running: running, storeLocation: location, clock: clock)
    }

    private init(vhost: TestVhost, connection: AMQPConnection, store: any OrderStore, server: WorkflowServer, group: ServiceGroup, running: Task<Void, any Error>, storeLocation: String, clock: WorkClock) {
        self.clock = clock
        self.vhost = vhost
        self.connection = connection
        self.store = store
        self.server = server
        self.group = group
        self.running = running
        self.storeLocation = storeLocation
    }

    /// Graceful shutdown, then the vhost goes (unless it is kept for a restart).
    func stop(keepVhost: Bool = false) async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        await connection.close()
        try await store.close()
        if !keepVhost { await vhost.delete() }
    }

    // MARK: Talking to the server over AMQP

    func publishIntake(_ body: [String: Any], kind: String, messageID: String) async throws {
        try await connection.publish(OutgoingMessage(
            exchange: BrokerTopology.intakeExchange, routingKey: kind,
            body: try Array(JSONSerialization.data(withJSONObject: body)), properties: MessageProperties(messageID: messageID)
        ))
    }

    func publishRaw(_ body: [UInt8], exchange: String = BrokerTopology.intakeExchange, routingKey: String, messageID: String?) async throws {
        try await connection.publish(OutgoingMessage(exchange: exchange, routingKey: routingKey, body: body, properties: MessageProperties(messageID: messageID)))
    }

    func publishTransition(
        order: String, event: String, fields: [String: Any] = [:], messageID: String, replyTo: String? = nil,
        by actor: (id: String, role: String) = ("tech-7", "technician")
    ) async throws {
        let body: [String: Any] = [
            "schema_version": 1, "order_id": order, "event": event,
            "actor": ["id": actor.id, "role": actor.role], "fields": fields,
        ]
        try await connection.publish(OutgoingMessage(
            exchange: BrokerTopology.transitionsExchange, routingKey: "repair.\(event)",
            body: try Array(JSONSerialization.data(withJSONObject: body)),
            properties: MessageProperties(messageID: messageID, correlationID: replyTo.map { _ in messageID }, replyTo: replyTo)
        ))
    }

    /// Collects `count` messages from `queue` (acking them), or fails after `timeout`.
    /// Deliveries the broker pushed beyond `count` go back to the queue, so a later
    /// `take` sees them.
    func take(_ count: Int, from queue: String, timeout: Duration = .seconds(60)) async throws -> [Delivery] {
        let consumer = try await connection.consume(queue: queue, prefetch: UInt16(clamping: count))
        return try await withThrowingTaskGroup(of: [Delivery]?.self) { group in
            group.addTask {
                var got: [Delivery] = []
                var iterator = consumer.makeAsyncIterator()
                while got.count < count, let delivery = try await iterator.next() {
                    got.append(delivery)
                    consumer.ack(delivery)
                }
                consumer.cancel()
                // The stream ends once the cancel is done; whatever it still buffered is returned.
                while let extra = try await iterator.next() { consumer.nack(extra, requeue: true) }
                return got
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            guard let got = first else {
                consumer.cancel()
                Issue.record("expected \(count) messages on \(queue) within \(timeout)")
                return []
            }
            return got
        }
    }

    /// Collects from `queue` (acking) until `count` different message ids have been seen,
    /// or fails after `timeout`; returns those ids. For queues the outbox feeds: a row
    /// whose confirm was lost to a broker outage is published again with the same id
    /// (receivers deduplicate), so a count of deliveries would over- or under-count.
    func takeDistinctIDs(_ count: Int, from queue: String, timeout: Duration = .seconds(60)) async throws -> Set<String> {
        let consumer = try await connection.consume(queue: queue, prefetch: 1000)
        return try await withThrowingTaskGroup(of: Set<String>?.self) { group in
            group.addTask {
                var ids: Set<String> = []
                for try await delivery in consumer {
                    if let id = delivery.properties.messageID { ids.insert(id) }
                    consumer.ack(delivery)
                    if ids.count >= count { break }
                }
                return ids
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            consumer.cancel()
            guard let ids = first else {
                Issue.record("expected \(count) different message ids on \(queue) within \(timeout)")
                return []
            }
            return ids
        }
    }

    /// How many messages wait in `queue` now.
    func depth(_ queue: String) async throws -> Int {
        // Declared as the topology declares it (the dead-letter queue has no DLX of its own).
        let spec = queue == BrokerTopology.deadLetterQueue
            ? QueueSpec(name: queue, type: .classicV2) : BrokerTopology.durableQueue(queue)
        return try await connection.declareQueue(spec).messageCount
    }

    /// Polls until `condition` holds or `timeout` passes.
    func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
        try await Self.eventually(timeout: timeout, condition)
    }

    /// The same, for tests with no harness (a `wo` process on its own).
    static func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}

enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    var description: String { rawValue }

    func freshLocation() throws -> String {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wo-server-tests")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return dir.appendingPathComponent("\(UUID().uuidString).sqlite").path
        case .postgres:
            let base = ProcessInfo.processInfo.environment["WO_TEST_POSTGRES_URL"] ?? "postgres://wo@127.0.0.1:55432/wo_test"
            return base + (base.contains("?") ? "&" : "?") + "schema=srv_\(UUID().uuidString.prefix(8).lowercased())"
        }
    }
}

enum TestPolicy {
    static let policy = PolicySet(version: "test")
}

enum Fixtures {
    static func repairIntake(mode: String = "immediate", household: String = "301", subject: String = "water leak") -> [String: Any] {
        [
            "schema_version": 1, "kind": "repair", "site": "NJ-01",
            "household": ["building": "5", "unit": "2", "room": household],
            "owner": ["name": "张三", "phone": "13812345678"], "channel": "phone",
            "subject": subject, "content": "kitchen pipe leaking", "fields": ["mode": mode, "category": "leak"],
        ]
    }
}
