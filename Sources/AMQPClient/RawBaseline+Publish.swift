import CRabbitMQ
import Foundation

extension RawBaseline {
    /// Publishes `count` persistent messages of `bodySize` bytes to `queue` (default
    /// exchange, mandatory) with at most `window` unconfirmed; the time until the last
    /// confirm.
    public static func publish(url: AMQPURL, queue: String, count: Int, window: Int, bodySize: Int) async throws -> Duration {
        try await onThread(url: url) { session throws(AMQPError) in
            let channel: UInt16 = 1
            try session.openChannel(channel, confirms: true)
            let arena = CArena()
            let routingKey = arena.bytes(queue)
            let body = arena.bytes([UInt8](repeating: UInt8(ascii: "x"), count: bodySize))
            var properties = persistentProperties
            var confirms = ConfirmCount()
            var sent: UInt64 = 0
            let start = ContinuousClock.now
            while confirms.confirmedThrough < count {
                while sent < count, sent - confirms.confirmedThrough < window {
                    let status = amqp_basic_publish(session.state, channel, amqp_empty_bytes, routingKey, 1, 0, &properties, body)
                    guard status == AMQP_STATUS_OK.rawValue else { throw .connectionLost("raw publish: \(BrokerSession.statusText(status))") }
                    sent += 1
                }
                try confirms.read(nextFrame(session))
                amqp_maybe_release_buffers(session.state)
            }
            return ContinuousClock.now - start
        }
    }
}

/// Publisher confirms read from basic.ack frames (single or multiple, any order).
struct ConfirmCount {
    /// Every publish up to this sequence number is confirmed.
    private(set) var confirmedThrough: UInt64 = 0
    /// Single acks above `confirmedThrough` with a gap below them.
    private var early: Set<UInt64> = []

    /// Counts a basic.ack; a nack, a return or a channel close is an error here.
    mutating func read(_ frame: amqp_frame_t) throws(AMQPError) {
        guard frame.frame_type == WO_FRAME_METHOD else { return }
        switch frame.payload.method.id {
        case WO_BASIC_ACK_METHOD:
            let ack = frame.payload.method.decoded!.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            if ack.multiple != 0 {
                early = early.filter { $0 > ack.delivery_tag }
                confirmedThrough = max(confirmedThrough, ack.delivery_tag)
            } else {
                early.insert(ack.delivery_tag)
            }
            while early.remove(confirmedThrough + 1) != nil { confirmedThrough += 1 }
        case WO_BASIC_NACK_METHOD, WO_BASIC_RETURN_METHOD, WO_CHANNEL_CLOSE_METHOD, WO_CONNECTION_CLOSE_METHOD:
            throw .connectionLost("raw baseline: the broker refused a message (method \(frame.payload.method.id))")
        default:
            return
        }
    }
}
