/// A subscription as the connection's thread keeps it across reconnects: the stream
/// goes on, the channel changes.
///
/// Deliveries read in one pass over the socket go to the consumer's task as one batch:
/// one wake-up of that task per pass instead of one per message.
struct ConsumerState {
    var queue: String
    var prefetch: UInt16
    var channel: UInt16
    var continuation: DeliveryBatches.Continuation
    /// Decides on the connection's thread; nil passes every delivery on.
    var decide: (@Sendable (Delivery) -> DeliveryVerdict)?
    /// Read in this pass, not yet handed over.
    var pending: [Delivery] = []

    mutating func flush() {
        guard !pending.isEmpty else { return }
        continuation.yield(pending)
        pending = []
    }

    /// Hands over what was read, then ends the stream.
    mutating func finish(throwing error: (any Error)? = nil) {
        flush()
        continuation.finish(throwing: error)
    }
}

typealias DeliveryBatches = AsyncThrowingStream<[Delivery], any Error>
