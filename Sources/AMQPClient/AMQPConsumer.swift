/// The deliveries of one subscription, and the means to settle them.
///
/// Acks are sent in order with everything else on the connection; an ack for a
/// delivery from before a reconnect is dropped (the broker has requeued it already),
/// so nothing is acked twice.
public struct AMQPConsumer: AsyncSequence, Sendable {
    public typealias Element = Delivery
    public let tag: String
    public let queue: String
    private let stream: AsyncThrowingStream<Delivery, any Error>
    private let inbox: CommandInbox

    init(tag: String, queue: String, stream: AsyncThrowingStream<Delivery, any Error>, inbox: CommandInbox) {
        self.tag = tag
        self.queue = queue
        self.stream = stream
        self.inbox = inbox
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<Delivery, any Error>.AsyncIterator {
        stream.makeAsyncIterator()
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
