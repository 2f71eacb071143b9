import AMQPClient
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import WorkOrderCore
import WorkOrderServer
import WorkOrderWorkers

/// Real workers (a department worker or the call-back desk) in this process, on the
/// server harness's vhost, each on a connection of its own.
final class WorkerHarness: Sendable {
    let connection: AMQPConnection
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let lines: LineLog

    private init(connection: AMQPConnection, group: ServiceGroup, running: Task<Void, any Error>, lines: LineLog) {
        self.connection = connection
        self.group = group
        self.running = running
        self.lines = lines
    }

    static func start(on server: ServerHarness, _ make: (AMQPConnection, LineOutput) -> any Service) async throws -> WorkerHarness {
        let connection = try await AMQPConnection.connect(to: server.vhost.url, name: "test-worker", logger: ServerHarness.logger)
        let lines = LineLog()
        let service = make(connection, LineOutput { line in lines.append(line) })
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [], logger: ServerHarness.logger)
        let running = Task { try await group.run() }
        return WorkerHarness(connection: connection, group: group, running: running, lines: lines)
    }

    /// A simulated department that never has an absent owner.
    static func simulatedDepartment(
        _ department: Department, on server: ServerHarness, timeScale: Double, stepDelay: Duration = .zero
    ) async throws -> WorkerHarness {
        let simulation = StaffSimulation(
            policy: TestPolicy.policy, outcomes: SimulationOutcomes(), stepDelay: stepDelay, timeScale: timeScale, seed: 7)
        return try await start(on: server) { connection, output in
            DepartmentWorker(connection: connection, department: department, handling: .simulate(simulation), output: output, logger: ServerHarness.logger)
        }
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        await connection.close()
    }
}

/// Lines a worker showed, for assertions.
final class LineLog: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var all: [String] { storage.withLock { $0 } }
}
