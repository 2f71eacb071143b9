import CRabbitMQ
import Foundation

/// The measuring stick for consumers: librabbitmq's own blocking consume loop on one
/// thread, as a plain C client would write it, with none of this module's hand-offs.
/// `wo bench amqp` runs it in the same run as the real consumers, so their ratio does
/// not depend on how busy the machine was when AMQP-NOTES was measured.
public enum RawConsumeBaseline {
    /// Consumes `count` messages from `queue`, acking every `ackEvery`-th (multiple when
    /// above 1), and returns the time from subscribing to the last ack.
    public static func measure(url: AMQPURL, queue: String, count: Int, prefetch: UInt16, ackEvery: Int) async throws -> Duration {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Duration, any Error>) in
            let thread = Thread {
                do { done.resume(returning: try consume(url: url, queue: queue, count: count, prefetch: prefetch, ackEvery: ackEvery)) } catch {
                    done.resume(throwing: error)
                }
            }
            thread.name = "amqp:raw-baseline"
            thread.start()
        }
    }

    private static func consume(url: AMQPURL, queue: String, count: Int, prefetch: UInt16, ackEvery: Int) throws(AMQPError) -> Duration {
        let session = try BrokerSession(url: url, connectionName: "wo-bench-raw", timeoutSeconds: 10)
        defer { session.close() }
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
