import AMQPClient
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderTopology

/// `wo worker --department D`: receives the department's tasks from
/// `wo.dispatch.<department>` with prefetch and manual acks. A task is acked only once
/// it has been handed on (shown, taken by the staff program, or played out), so a worker
/// that dies with a task in hand leaves it to be redelivered.
public struct DepartmentWorker: Service {
    let connection: AMQPConnection
    let department: Department
    let handling: TaskHandling
    let prefetch: UInt16
    let output: LineOutput
    let logger: Logger

    public init(
        connection: AMQPConnection, department: Department, handling: TaskHandling, prefetch: UInt16 = 10,
        output: LineOutput = .standardOutput, logger: Logger
    ) {
        self.connection = connection
        self.department = department
        self.handling = handling
        self.prefetch = prefetch
        self.output = output
        self.logger = logger
    }

    public var queue: String { BrokerTopology.dispatchQueue(for: department.queueName) }

    public func run() async throws {
        // Declaring is harmless when the server already did; a worker may start first.
        try await BrokerTopology.declare(on: connection)
        logger.info("worker ready", metadata: ["amqp.queue": "\(queue)"])
        if case .simulate(let simulation) = handling {
            try await TransitionClient.with(connection: connection, logger: logger) { client in
                try await DeliveryLoop.run(connection: connection, queue: queue, prefetch: prefetch, concurrent: true) { delivery, consumer in
                    await simulate(delivery, consumer: consumer, simulation: simulation, client: client)
                }
            }
        } else {
            try await DeliveryLoop.run(connection: connection, queue: queue, prefetch: prefetch, concurrent: false) { delivery, consumer in
                await handOn(delivery, consumer: consumer)
            }
        }
    }

    private func decode(_ delivery: Delivery, consumer: AMQPConsumer) -> DispatchedTask? {
        do {
            return try DispatchedTask.decode(delivery.body)
        } catch {
            logger.error("unreadable task dead-lettered", metadata: ["amqp.message_id": "\(delivery.properties.messageID ?? "-")", "error": "\(error)"])
            consumer.reject(delivery, requeue: false)
            return nil
        }
    }

    private func handOn(_ delivery: Delivery, consumer: AMQPConsumer) async {
        guard let task = decode(delivery, consumer: consumer) else { return }
        output.write(handling.json ? String(decoding: delivery.body, as: UTF8.self) : TaskLine.dispatch(task, redelivered: delivery.redelivered))
        guard case .exec(let program, _) = handling else {
            consumer.ack(delivery)
            return
        }
        await ProgramHandOff.run(program, delivery: delivery, consumer: consumer, orderID: task.order_id, type: "dispatch", logger: logger)
    }

    private func simulate(_ delivery: Delivery, consumer: AMQPConsumer, simulation: StaffSimulation, client: TransitionClient) async {
        guard let task = decode(delivery, consumer: consumer) else { return }
        let taskID = delivery.properties.messageID ?? "\(task.order_id)@\(task.at_ms)"
        var logger = logger
        logger[metadataKey: "workorder.id"] = "\(task.order_id)"
        do {
            let events = try await simulation.play(task, taskID: taskID, client: client, logger: logger)
            output.write("\(TaskLine.dispatch(task, redelivered: delivery.redelivered))\n      simulated: \(events.joined(separator: " → "))")
            consumer.ack(delivery)
        } catch {
            // Shutdown or a broker failure in the middle of a task: it comes back.
            logger.info("task left unfinished; it will be redelivered", metadata: ["error": "\(error)"])
            if !Task.isCancelled { consumer.nack(delivery, requeue: true) }
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
