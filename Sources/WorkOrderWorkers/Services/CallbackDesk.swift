import AMQPClient
import Logging
import ServiceLifecycle
import WorkOrderTopology

/// `wo callbacks`: customer service's follow-up desk on `wo.followups`. Call-backs that
/// fall due arrive here with their script (CB-04); notifications and escalations for
/// the desk's roles too. The schedule itself is kept by the server: its timers are in
/// the store, so a call-back survives restarts and one that fell due while the server
/// was down is sent once when it starts again.
public struct CallbackDesk: Service {
    let connection: AMQPConnection
    let handling: TaskHandling
    let prefetch: UInt16
    let output: LineOutput
    let logger: Logger

    public init(connection: AMQPConnection, handling: TaskHandling, prefetch: UInt16 = 10, output: LineOutput = .standardOutput, logger: Logger) {
        self.connection = connection
        self.handling = handling
        self.prefetch = prefetch
        self.output = output
        self.logger = logger
    }

    public func run() async throws {
        try await BrokerTopology.declare(on: connection)
        let queue = BrokerTopology.followupsQueue
        logger.info("call-back desk ready", metadata: ["amqp.queue": "\(queue)"])
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

    private func decode(_ delivery: Delivery, consumer: AMQPConsumer) -> FollowupTask? {
        do {
            return try FollowupTask.decode(delivery.body)
        } catch {
            logger.error("unreadable follow-up dead-lettered", metadata: ["amqp.message_id": "\(delivery.properties.messageID ?? "-")", "error": "\(error)"])
            consumer.reject(delivery, requeue: false)
            return nil
        }
    }

    private func handOn(_ delivery: Delivery, consumer: AMQPConsumer) async {
        guard let task = decode(delivery, consumer: consumer) else { return }
        output.write(handling.json ? String(decoding: delivery.body, as: UTF8.self) : TaskLine.followup(task, redelivered: delivery.redelivered))
        guard case .exec(let program, _) = handling else {
            consumer.ack(delivery)
            return
        }
        await ProgramHandOff.run(program, delivery: delivery, consumer: consumer, orderID: task.order_id, type: task.type, logger: logger)
    }

    private func simulate(_ delivery: Delivery, consumer: AMQPConsumer, simulation: StaffSimulation, client: TransitionClient) async {
        guard let task = decode(delivery, consumer: consumer) else { return }
        guard task.isCallback else {
            output.write(TaskLine.followup(task, redelivered: delivery.redelivered))
            consumer.ack(delivery)
            return
        }
        let taskID = delivery.properties.messageID ?? "\(task.order_id)@\(task.at_ms)"
        do {
            let reply = try await simulation.answer(task, taskID: taskID, client: client, logger: logger)
            output.write(TaskLine.followup(task, redelivered: delivery.redelivered)
                + "\n      simulated answer: \(reply.map { "\($0.status.rawValue) → \($0.state)" } ?? "none (unknown kind)")")
            consumer.ack(delivery)
        } catch {
            logger.info("call-back left unanswered; it will be redelivered", metadata: ["workorder.id": "\(task.order_id)", "error": "\(error)"])
            if !Task.isCancelled { consumer.nack(delivery, requeue: true) }
        }
    }
}
