import CRabbitMQ
import Foundation

/// The measuring stick for `wo bench amqp`: each pattern written as a plain C client
/// would write it, on one thread with blocking librabbitmq calls and none of this
/// module's hand-offs between threads. The bench runs it in the same run as the real
/// client, so their ratio does not depend on how busy the machine was when
/// AMQP-NOTES was measured.
public enum RawBaseline {
    /// Consumes `count` messages from `queue` with librabbitmq's own consume loop,
    /// acking every `ackEvery`-th (multiple when above 1); the time from subscribing to
    /// the last ack.
    public static func consume(url: AMQPURL, queue: String, count: Int, prefetch: UInt16, ackEvery: Int) async throws -> Duration {
        try await onThread(url: url) { session throws(AMQPError) in
            let channel: UInt16 = 1
            try session.openChannel(channel, prefetch: prefetch)
            let start = ContinuousClock.now
            let arena = CArena()
            amqp_basic_consume(session.state, channel, arena.bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table)
            try session.check(operation: "basic.consume", channel: channel)
            var received = 0
            while received < count {
                amqp_maybe_release_buffers(session.state)
                var envelope = amqp_envelope_t()
                let reply = amqp_consume_message(session.state, &envelope, nil, 0)
                guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
                    throw .connectionLost("raw consume: \(BrokerSession.statusText(reply.library_error))")
                }
                received += 1
                if received % ackEvery == 0 || received == count {
                    amqp_basic_ack(session.state, channel, envelope.delivery_tag, ackEvery > 1 ? 1 : 0)
                }
                amqp_destroy_envelope(&envelope)
            }
            return ContinuousClock.now - start
        }
    }

    /// Runs `body` on a thread of its own with a fresh connection, closed afterwards.
    static func onThread<T: Sendable>(url: AMQPURL, _ body: @escaping @Sendable (BrokerSession) throws(AMQPError) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<T, any Error>) in
            let thread = Thread {
                do {
                    let session = try BrokerSession(url: url, connectionName: "wo-bench-raw", timeoutSeconds: 10)
                    defer { session.close() }
                    done.resume(returning: try body(session))
                } catch {
                    done.resume(throwing: error)
                }
            }
            thread.name = "amqp:raw-baseline"
            thread.start()
        }
    }

    /// Delivery mode 2 and nothing else, as the bench's messages.
    static var persistentProperties: amqp_basic_properties_t {
        var properties = amqp_basic_properties_t()
        properties._flags = WO_BASIC_DELIVERY_MODE_FLAG
        properties.delivery_mode = 2
        return properties
    }

    /// Waits for the next frame; any failure is a lost connection.
    static func nextFrame(_ session: BrokerSession) throws(AMQPError) -> amqp_frame_t {
        var frame = amqp_frame_t()
        let status = amqp_simple_wait_frame(session.state, &frame)
        guard status == AMQP_STATUS_OK.rawValue else { throw .connectionLost("raw baseline: \(BrokerSession.statusText(status))") }
        return frame
    }
}
