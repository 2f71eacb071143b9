/// A subscription as the connection's thread keeps it across reconnects: the stream
/// goes on, the channel changes.
struct ConsumerState {
    var queue: String
    var prefetch: UInt16
    var channel: UInt16
    var continuation: AsyncThrowingStream<Delivery, any Error>.Continuation
    /// Decides on the connection's thread; nil passes every delivery on.
    var decide: (@Sendable (Delivery) -> DeliveryVerdict)?
}
