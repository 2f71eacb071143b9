import AMQPClient
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderTopology

/// `wo worker --department D`: receives the department's tasks from
/// `wo.dispatch.<department>` with prefetch and manual acks. A task is acked only once
/// it has been handed on (shown, taken by the staff program, or played out), so a worker
/// that dies with a task in hand leaves it to be redelivered.
public struct DepartmentWorker: Service {
    let loop: WorkerLoop<DispatchMessage>

    public init(
        connection: AMQPConnection, department: Department, handling: TaskHandling, prefetch: UInt16 = 10,
        output: LineOutput = .standardOutput, clock: TaskClock = .machine, locale: StaffLocale = .english, logger: Logger
    ) {
        self.clock = clock
        self.locale = locale
        loop = WorkerLoop(
            connection: connection, queue: BrokerTopology.dispatchQueue(for: department.queueName), handling: handling,
            prefetch: prefetch, output: output, logger: logger, decode: { try DispatchMessage.decode($0) },
            line: { TaskLine.dispatch($0, redelivered: $1, clock: clock, locale: locale) },
            describe: { ($0.orderID, "dispatch") })
    }

    let clock: TaskClock
    let locale: StaffLocale

    public var queue: String { loop.queue }

    public func run() async throws {
        let output = loop.output
        let logger = loop.logger
        let clock = self.clock
        let locale = self.locale
        let words = WorkerWords(locale)
        try await loop.run { task, delivery, consumer, simulation, client in
            let taskID = delivery.properties.messageID ?? "\(task.orderID)@\(task.atMs)"
            var logger = logger
            logger[metadataKey: "workorder.id"] = "\(task.orderID)"
            do {
                let events = try await simulation.play(task, taskID: taskID, client: client, logger: logger)
                output.write(TaskLine.dispatch(task, redelivered: delivery.redelivered, clock: clock, locale: locale) + words.simulated(events))
                consumer.ack(delivery)
            } catch {
                // Shutdown or a broker failure in the middle of a task: it comes back.
                logger.info("task left unfinished; it will be redelivered", metadata: ["error": "\(error)"])
                if !Task.isCancelled { consumer.nack(delivery, requeue: true) }
            }
        }
    }
}

/// `--exec`: ack when the program took the task, dead-letter when it refused it.
enum ProgramHandOff {
    static func run(_ program: TaskProgram, delivery: Delivery, consumer: AMQPConsumer, orderID: String, type: String, logger: Logger) async {
        do {
            let status = try await program.run(input: delivery.body, orderID: orderID, messageType: type)
            if status == 0 {
                consumer.ack(delivery)
            } else {
                logger.error("the task program failed; task dead-lettered", metadata: ["workorder.id": "\(orderID)", "process.exit_status": "\(status)"])
                consumer.reject(delivery, requeue: false)
            }
        } catch {
            logger.error("cannot run the task program; task returned to the queue", metadata: ["workorder.id": "\(orderID)", "error": "\(error)"])
            consumer.nack(delivery, requeue: true)
            try? await Task.sleep(for: .seconds(2))
        }
    }
}
