import CRabbitMQ
import Foundation

extension RawBaseline {
    /// Consumes `count` messages from `source` and publishes each body to `target` (with
    /// confirms) as it arrives; every `batch` messages, once their copies are confirmed,
    /// one multiple ack settles them at the source. The time from subscribing to the last ack.
    /// `keepProperties` forwards each message's properties too (message id and all), so a
    /// reader at `target` can tell the copies apart (`wo bench latency`). `alsoTo`
    /// publishes a second copy of each to that exchange (routing key `bench.event`, not
    /// mandatory), as the server publishes a dispatch and an event for each intake.
    public static func hop(
        url: AMQPURL, source: String, target: String, count: Int, prefetch: UInt16, batch: Int, keepProperties: Bool = false,
        alsoTo secondExchange: String? = nil
    ) async throws -> Duration {
        try await onThread(url: url) { session throws(AMQPError) in
            let publishChannel: UInt16 = 1, consumeChannel: UInt16 = 2
            try session.openChannel(publishChannel, confirms: true)
            try session.openChannel(consumeChannel, prefetch: prefetch)
            let arena = CArena()
            let routingKey = arena.bytes(target)
            let second = secondExchange.map { (exchange: arena.bytes($0), key: arena.bytes("bench.event")) }
            let copies = second == nil ? 1 : 2
            var properties = persistentProperties
            var confirms = ConfirmCount()
            // (last publish sequence of a batch, its last source delivery tag)
            var batchEnds: [(sequence: UInt64, tag: UInt64)] = []
            var received = 0, settled: UInt64 = 0
            let start = ContinuousClock.now
            amqp_basic_consume(session.state, consumeChannel, arena.bytes(source), amqp_empty_bytes, 0, 0, 0, amqp_empty_table)
            try session.check(operation: "basic.consume", channel: consumeChannel)
            while settled < count {
                let frame = try nextFrame(session)
                if frame.frame_type == WO_FRAME_METHOD, frame.payload.method.id == WO_BASIC_DELIVER_METHOD {
                    let tag = frame.payload.method.decoded!.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee.delivery_tag
                    var message = amqp_message_t()
                    let reply = amqp_read_message(session.state, consumeChannel, &message, 0)
                    guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
                        throw .connectionLost("raw hop: \(BrokerSession.statusText(reply.library_error))")
                    }
                    let status = keepProperties
                        ? amqp_basic_publish(session.state, publishChannel, amqp_empty_bytes, routingKey, 1, 0, &message.properties, message.body)
                        : amqp_basic_publish(session.state, publishChannel, amqp_empty_bytes, routingKey, 1, 0, &properties, message.body)
                    var secondStatus = AMQP_STATUS_OK.rawValue
                    if let second {
                        secondStatus = amqp_basic_publish(session.state, publishChannel, second.exchange, second.key, 0, 0, &properties, message.body)
                    }
                    amqp_destroy_message(&message)
                    guard status == AMQP_STATUS_OK.rawValue, secondStatus == AMQP_STATUS_OK.rawValue else {
                        throw .connectionLost("raw hop: \(BrokerSession.statusText(status == AMQP_STATUS_OK.rawValue ? secondStatus : status))")
                    }
                    received += 1
                    if received % batch == 0 || received == count { batchEnds.append((UInt64(received * copies), tag)) }
                } else {
                    try confirms.read(frame)
                }
                while let end = batchEnds.first, confirms.confirmedThrough >= end.sequence {
                    amqp_basic_ack(session.state, consumeChannel, end.tag, 1)
                    settled = end.sequence / UInt64(copies)
                    batchEnds.removeFirst()
                }
                amqp_maybe_release_buffers(session.state)
            }
            return ContinuousClock.now - start
        }
    }
}
