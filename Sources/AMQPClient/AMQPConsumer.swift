/// The deliveries of one subscription, and the means to settle them.
///
/// Acks are sent in order with everything else on the connection; an ack for a
/// delivery from before a reconnect is dropped (the broker has requeued it already),
/// so nothing is acked twice.
public struct AMQPConsumer: AsyncSequence, Sendable {
    public typealias Element = Delivery
    public let tag: String
    public let queue: String
    private let stream: AsyncThrowingStream<[Delivery], any Error>
    private let inbox: CommandInbox

    init(tag: String, queue: String, stream: AsyncThrowingStream<[Delivery], any Error>, inbox: CommandInbox) {
        self.tag = tag
        self.queue = queue
        self.stream = stream
        self.inbox = inbox
    }

    /// The deliveries one at a time. Use either this or `batches`, not both.
    public func makeAsyncIterator() -> Iterator {
        Iterator(batches: stream.makeAsyncIterator())
    }

    /// The deliveries as the connection read them: each element is what one pass over
    /// the socket brought, in order.
    public var batches: AsyncThrowingStream<[Delivery], any Error> { stream }

    public struct Iterator: AsyncIteratorProtocol {
        var batches: AsyncThrowingStream<[Delivery], any Error>.AsyncIterator
        var batch: [Delivery] = []
        var next = 0

        public mutating func next() async throws -> Delivery? {
            if next == batch.count {
                guard let more = try await batches.next() else { return nil }
                batch = more
                next = 0
            }
            defer { next += 1 }
            return batch[next]
        }
    }

    /// Acknowledges `delivery` (and, with `multiple`, every earlier one of this consumer).
    public func ack(_ delivery: Delivery, multiple: Bool = false) {
        inbox.submit(.settle(delivery.tag, .ack(multiple: multiple)))
    }

    /// Negative acknowledgement; without requeue the message is dead-lettered when the
    /// queue has a dead-letter exchange.
    public func nack(_ delivery: Delivery, multiple: Bool = false, requeue: Bool = false) {
        inbox.submit(.settle(delivery.tag, .nack(multiple: multiple, requeue: requeue)))
    }

    public func reject(_ delivery: Delivery, requeue: Bool = false) {
        inbox.submit(.settle(delivery.tag, .reject(requeue: requeue)))
    }

    /// Stops new deliveries; those already received can still be settled.
    public func cancel() {
        inbox.submit(.cancel(consumerTag: tag))
    }
}
