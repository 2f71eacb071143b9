import AMQPClient
import Logging
import WorkOrderTopology

/// What a department worker and the call-back desk share: the topology declared, one
/// queue consumed (one task at a time, or concurrently when simulated, with a transition
/// client for the simulated staff), unreadable tasks dead-lettered, and a task shown and
/// handed on before it is acked.
struct WorkerLoop<Item: Sendable>: Sendable {
    let connection: AMQPConnection
    let queue: String
    let handling: TaskHandling
    let prefetch: UInt16
    let output: LineOutput
    let logger: Logger
    /// Reads a body; throws when it is not a task of this queue.
    let decode: @Sendable ([UInt8]) throws -> Item
    /// The task as one line for a person.
    let line: @Sendable (Item, _ redelivered: Bool) -> String
    /// The order id and message type passed to `--exec`.
    let describe: @Sendable (Item) -> (orderID: String, type: String)

    func run(simulate: @escaping @Sendable (Item, Delivery, AMQPConsumer, StaffSimulation, TransitionClient) async -> Void) async throws {
        // Declaring is harmless when the server already did; a worker may start first
        // when its broker user may declare (guest), otherwise its queue must exist.
        try await BrokerTopology.declareOrCheck([queue], on: connection)
        logger.info("worker ready", metadata: ["amqp.queue": "\(queue)"])
        if case .simulate(let simulation) = handling {
            try await TransitionClient.with(connection: connection, logger: logger) { client in
                try await DeliveryLoop.run(connection: connection, queue: queue, prefetch: prefetch, concurrent: true) { delivery, consumer in
                    guard let task = read(delivery, consumer: consumer) else { return }
                    await simulate(task, delivery, consumer, simulation, client)
                }
            }
        } else {
            try await DeliveryLoop.run(connection: connection, queue: queue, prefetch: prefetch, concurrent: false) { delivery, consumer in
                await handOn(delivery, consumer: consumer)
            }
        }
    }

    /// The task, or nil after dead-lettering what cannot be read.
    func read(_ delivery: Delivery, consumer: AMQPConsumer) -> Item? {
        do {
            return try decode(delivery.body)
        } catch {
            logger.error("unreadable task dead-lettered", metadata: [
                "amqp.queue": "\(queue)", "amqp.message_id": "\(delivery.properties.messageID ?? "-")", "error": "\(error)"])
            consumer.reject(delivery, requeue: false)
            return nil
        }
    }

    /// Shown (a line, or the JSON itself), then acked, or handed to `--exec`.
    private func handOn(_ delivery: Delivery, consumer: AMQPConsumer) async {
        guard let task = read(delivery, consumer: consumer) else { return }
        output.write(handling.json ? String(decoding: delivery.body, as: UTF8.self) : line(task, delivery.redelivered))
        guard case .exec(let program, _) = handling else {
            consumer.ack(delivery)
            return
        }
        let (orderID, type) = describe(task)
        await ProgramHandOff.run(program, delivery: delivery, consumer: consumer, orderID: orderID, type: type, logger: logger)
    }
}
