import AMQPClient
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// What the engine benchmarks share: a vhost of their own, a scratch store, and a real
/// server running in this process.
enum BenchSupport {
    /// Bench orders must not mix with a site's: a fresh vhost only.
    static func refuseSharedVhost(_ amqp: AMQPConnection, command: String) async throws {
        let intake = try await amqp.declareQueue(BrokerTopology.durableQueue(BrokerTopology.intakeQueue))
        let tasks = try await amqp.declareQueue(BrokerTopology.durableQueue(BrokerTopology.dispatchQueue(for: Department.engineering.queueName)))
        guard intake.consumerCount == 0, intake.messageCount == 0, tasks.messageCount == 0 else {
            printError("this vhost is in use (a server consumes \(BrokerTopology.intakeQueue), or requests or tasks wait): "
                + "give the benchmark a vhost of its own, e.g. scripts/bench \(command)")
            throw ExitCode(2)
        }
    }

    /// A new SQLite file in a temporary folder, or a new schema `wo_bench_…` of `postgres`.
    static func freshStore(postgres: String?) throws -> String {
        let name = "wo_bench_\(UUID().uuidString.prefix(8).lowercased())"
        if let postgres { return postgres + (postgres.contains("?") ? "&" : "?") + "schema=\(name)" }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("\(name).sqlite").path
    }

    /// The resident set of this process (VmRSS of /proc/self/status), in MB.
    static func residentMB() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first
            return kb.map { $0 / 1024 }
        }
        return nil
    }
}

extension BenchSupport {
    /// How the writer prepared its batches (`WriterLoop`): in turn, beside the commit
    /// before and kept, or beside it and prepared again.
    static func writerBatches(_ metrics: ServerMetrics) -> String {
        let count = { (how: String) in Int(metrics.value("wo_writer_batches_total{prepared=\"\(how)\"}")) }
        return "writer batches: \(count("in_turn")) prepared in turn, \(count("ahead")) beside the commit before, \(count("again")) of those prepared again"
    }
}

/// A real `wo serve` in this process, on its own connection, until `stop()`.
struct InProcessServer {
    let connection: AMQPConnection
    let metrics: ServerMetrics
    let group: ServiceGroup
    let running: Task<Void, any Error>

    static func start(url: AMQPURL, store: any OrderStore, policy: PolicySet, logger: Logger) async throws -> InProcessServer {
        let connection = try await AMQPConnection.connect(to: url, name: "wo-bench-serve", reconnect: .never, logger: logger)
        try await BrokerTopology.declare(on: connection)
        let server = WorkflowServer(
            configuration: ServerConfiguration(), connection: connection, store: store,
            policy: policy, clock: WorkClock(scale: 1), logger: logger)
        let group = ServiceGroup(services: server.serviceList, gracefulShutdownSignals: [], logger: logger)
        let running = Task { try await group.run() }
        return InProcessServer(connection: connection, metrics: server.metrics, group: group, running: running)
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        await connection.close()
    }
}

/// What the engine benchmarks share: the store they measure and how they print.
struct BenchStoreOptions: ParsableArguments {
    @Option(help: "Measure PostgreSQL at this URL (postgres://user@host:port/db) instead of SQLite.")
    var postgres: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    var storeName: String { postgres == nil ? "sqlite" : "postgres" }

    /// A new store for one run (a SQLite file or a PostgreSQL schema), removed afterwards by the caller.
    func freshStore() throws -> String { try BenchSupport.freshStore(postgres: postgres) }
}
