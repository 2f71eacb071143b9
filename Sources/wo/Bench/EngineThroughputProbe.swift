import AMQPClient
import Foundation
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// The engine end to end: repair requests published to `wo.intake`, a real server on a
/// fresh store, and the clock stopped when the last dispatch reaches
/// `wo.dispatch.engineering`. Every order is committed, and every dispatch confirmed,
/// before it counts.
struct EngineThroughputProbe {
    /// The intake system's and the department's side; the server has its own.
    let connection: AMQPConnection
    let policy: PolicySet
    let logger: Logger

    /// Orders per second for `count` requests on a new store at `location`.
    func rate(count: Int, location: String) async throws -> Double {
        let store = try await OrderStores.open(location, logger: logger)
        let serverConnection = try await AMQPConnection.connect(to: connection.url, name: "wo-bench-serve", reconnect: .never, logger: logger)
        try await BrokerTopology.declare(on: serverConnection)
        let server = WorkflowServer(
            configuration: ServerConfiguration(), connection: serverConnection, store: store,
            policy: policy, clock: WorkClock(scale: 1), logger: logger)
        let group = ServiceGroup(services: server.serviceList, gracefulShutdownSignals: [], logger: logger)
        let running = Task { try await group.run() }
        defer { running.cancel() }
        let dispatches = try await connection.consume(queue: BrokerTopology.dispatchQueue(for: Department.engineering.queueName), prefetch: 1000)
        let run = UUID().uuidString.prefix(8)
        // Built before the clock starts: the intake system's JSON is not the server's work.
        let requests = (0..<count).map { request($0, run: run) }
        let start = ContinuousClock.now
        let publishing = Task {
            for chunk in stride(from: 0, to: count, by: 1000) {
                let batch = Array(requests[chunk..<min(chunk + 1000, count)])
                if let failure = await connection.publishEach(batch).compactMap({ $0 }).first { throw failure }
            }
        }
        var seen = 0
        for try await batch in dispatches.batches {
            seen += batch.count
            dispatches.ack(batch.last!, multiple: true)
            if seen >= count { break }
        }
        let elapsed = ContinuousClock.now - start
        try await publishing.value
        dispatches.cancel()
        await group.triggerGracefulShutdown()
        try await running.value
        await serverConnection.close()
        try await store.close()
        FileHandle.standardError.write(Data("\(BenchSupport.writerBatches(server.metrics))\n".utf8))
        return Double(count) / elapsed.seconds
    }

    /// An immediate repair: intake, one order, one dispatch, one armed timer (REP-01).
    func request(_ i: Int, run: Substring) -> OutgoingMessage {
        let request = IntakeRequest(
            kind: .repair, site: "BENCH", household: Household(building: "\(i / 1000 + 1)", unit: "1", room: "\(i % 1000 + 100)"),
            owner: Owner(name: "bench", phone: "13800000000"), channel: .phone, subject: "bench \(i)", content: "benchmark request \(i)",
            fields: ["mode": "immediate", "category": "other"])
        return OutgoingMessage(
            exchange: BrokerTopology.intakeExchange, routingKey: "repair", body: request.encodedForWire(),
            properties: MessageProperties(messageID: "bench-\(run)-\(i)"))
    }
}
