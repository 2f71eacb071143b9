import AMQPClient
import ServiceLifecycle

/// Consumes one queue and hands every delivery to `handle`, which settles it. On
/// graceful shutdown it stops taking deliveries and lets the ones in hand finish;
/// anything not settled by then goes back to the queue when the connection closes.
enum DeliveryLoop {
    static func run(
        connection: AMQPConnection, queue: String, prefetch: UInt16, concurrent: Bool,
        handle: @escaping @Sendable (Delivery, AMQPConsumer) async -> Void
    ) async throws {
        let consumer = try await connection.consume(queue: queue, prefetch: prefetch)
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for try await delivery in consumer {
                    if concurrent {
                        group.addTask { await handle(delivery, consumer) }
                    } else {
                        await handle(delivery, consumer)
                    }
                }
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            consumer.cancel()
        }
    }
}
