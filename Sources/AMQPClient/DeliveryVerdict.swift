/// What a consumer's `decide` closure makes of a delivery, on the connection's own thread.
///
/// Handing each delivery to a task and its ack back to the connection's thread costs
/// two thread wake-ups per message; on a two-core machine shared with the broker that
/// is most of a consumer's cost. A consumer that can settle on the spot (forward,
/// count, drop) decides here instead. The closure must be quick and must not block.
public enum DeliveryVerdict: Sendable {
    case ack(multiple: Bool = false)
    case nack(multiple: Bool = false, requeue: Bool = false)
    case reject(requeue: Bool = false)
    /// Leave it unsettled: a later `.ack(multiple: true)` or the consumer settles it.
    case later
    /// Hand it to the consumer's async sequence, like a consumer without `decide`.
    case passOn

    var settlement: Settlement? {
        switch self {
        case .ack(let multiple): .ack(multiple: multiple)
        case .nack(let multiple, let requeue): .nack(multiple: multiple, requeue: requeue)
        case .reject(let requeue): .reject(requeue: requeue)
        case .later, .passOn: nil
        }
    }
}
