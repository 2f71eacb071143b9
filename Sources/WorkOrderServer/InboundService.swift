import AMQPClient
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderTopology

/// Consumes intake and transitions, hands batches to the writer, and acks each
/// delivery only after its effect is committed. On shutdown it stops consuming and
/// finishes what it holds.
struct InboundService: Service {
    let connection: AMQPConnection
    let writer: OrderWriter
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let logger: Logger

    func run() async throws {
        let intake = try await connection.consume(queue: BrokerTopology.intakeQueue, prefetch: configuration.prefetch)
        let transitions = try await connection.consume(queue: BrokerTopology.transitionsQueue, prefetch: configuration.prefetch)
        let buffer = DeliveryBuffer(sources: 2)
        logger.info("consuming", metadata: ["amqp.queues": "\(BrokerTopology.intakeQueue), \(BrokerTopology.transitionsQueue)"])
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for consumer in [intake, transitions] {
                    group.addTask {
                        defer { buffer.sourceFinished() }
                        do {
                            for try await deliveries in consumer.batches { buffer.push(deliveries, from: consumer) }
                        } catch {
                            logger.error("consumer ended", metadata: ["amqp.queue": "\(consumer.queue)", "amqp.error": "\(error)"])
                        }
                    }
                }
                group.addTask {
                    await buffer.drain(limit: configuration.maxBatch) { batch in await process(batch) }
                }
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            intake.cancel()
            transitions.cancel()
        }
        logger.info("stopped consuming; in-flight work committed")
    }

    private func process(_ batch: [DeliveryBuffer.Entry]) async {
        let items = batch.map { workItem(for: $0.delivery) }
        while true {
            do {
                let outcomes = try await writer.apply(items)
                metrics.record(outcomes)
                settle(batch)
                return
            } catch {
                // The store failed: nothing was committed. Keep the deliveries and retry;
                // acking now would lose them.
                logger.error("commit failed; retrying", metadata: ["store.error": "\(error)", "batch.size": "\(batch.count)"])
                try? await Task.sleep(for: .seconds(1))
                if Task.isCancelled { return }
            }
        }
    }

    /// Everything in the batch is committed (applied, rejected, dead-lettered or a
    /// duplicate): one multiple-ack per consumer covers it.
    private func settle(_ batch: [DeliveryBuffer.Entry]) {
        var last: [String: DeliveryBuffer.Entry] = [:]
        for entry in batch { last[entry.consumer.tag] = entry }
        for entry in last.values { entry.consumer.ack(entry.delivery, multiple: true) }
    }

    private func workItem(for delivery: Delivery) -> WorkItem {
        let original = DeadLetterOriginal(exchange: delivery.exchange, routingKey: delivery.routingKey, body: delivery.body, messageID: delivery.properties.messageID)
        guard let messageID = delivery.properties.messageID, !messageID.isEmpty else {
            // Without an idempotency key a redelivery could not be recognised.
            return .deadLetter(reason: "missing AMQP message_id (the idempotency key)", messageID: "no-id:\(ContentHash.of(delivery))", original: original)
        }
        switch InboundMessage.decode(delivery, maxBodyBytes: configuration.maxBodyBytes) {
        case .intake(let request):
            return .intake(request, messageID: messageID, original: original)
        case .transition(let message):
            return .transition(message, messageID: messageID, replyTo: delivery.properties.replyTo, correlationID: delivery.properties.correlationID, original: original)
        case .invalid(let reason):
            return .deadLetter(reason: reason, messageID: messageID, original: original)
        }
    }
}

/// A stable key for a message that came without a message id (FNV-1a over routing key and body).
enum ContentHash {
    static func of(_ delivery: Delivery) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(delivery.routingKey.utf8) + [0] + delivery.body {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
