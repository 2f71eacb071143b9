import CRabbitMQ
import Foundation

extension RawBaseline {
    /// One message of a paced run.
    public struct PacedMessage: Sendable {
        public var exchange: String
        public var routingKey: String
        public var messageID: String
        public var body: [UInt8]

        public init(exchange: String, routingKey: String, messageID: String, body: [UInt8]) {
            self.exchange = exchange
            self.routingKey = routingKey
            self.messageID = messageID
            self.body = body
        }
    }

    /// How well the publisher itself kept to its schedule.
    public struct PacedResult: Sendable {
        /// The latest a message left after its scheduled time.
        public var maxSendLateness: Duration
        /// How many were sent (fewer than given when `stop` said so).
        public var sent: Int
    }

    /// Publishes `messages[i]` at `epoch + i / rate` (persistent, JSON, a message id,
    /// confirms pipelined, never awaited one by one) on a thread of its own, so the
    /// offered load does not depend on how busy Swift's task pool is; returns once every
    /// message is confirmed. The load generator of `wo bench latency` and `wo bench timers`;
    /// `stop`, asked before each message, ends the run early.
    public static func paced(
        url: AMQPURL, messages: [PacedMessage], rate: Double, epoch: ContinuousClock.Instant, stop: (@Sendable () -> Bool)? = nil
    ) async throws -> PacedResult {
        try await onThread(url: url) { session throws(AMQPError) in
            let channel: UInt16 = 1
            try session.openChannel(channel, confirms: true)
            let arena = CArena()
            // Every C copy made before the clock matters.
            let prepared = messages.map { m in
                (exchange: arena.bytes(m.exchange), routingKey: arena.bytes(m.routingKey), id: arena.bytes(m.messageID), body: arena.bytes(m.body))
            }
            let contentType = arena.bytes("application/json")
            var confirms = ConfirmCount()
            var maxLate = Duration.zero
            let interval = Duration.seconds(1) / rate
            var sent = 0
            for (i, m) in prepared.enumerated() {
                if let stop, stop() { break }
                let due = epoch + interval * Double(i)
                // Confirms are read while waiting for the next slot.
                while true {
                    let now = ContinuousClock.now
                    if now >= due { break }
                    let wait = due - now
                    if confirms.confirmedThrough < UInt64(i) {
                        var frame = amqp_frame_t()
                        let micro = max(1, Int(wait.pacedSeconds * 1e6))
                        var timeout = timeval(tv_sec: micro / 1_000_000, tv_usec: Int(micro % 1_000_000))
                        let status = amqp_simple_wait_frame_noblock(session.state, &frame, &timeout)
                        if status == AMQP_STATUS_TIMEOUT.rawValue { continue }
                        guard status == AMQP_STATUS_OK.rawValue else { throw .connectionLost("paced publish: \(BrokerSession.statusText(status))") }
                        try confirms.read(frame)
                    } else {
                        Thread.sleep(forTimeInterval: wait.pacedSeconds)
                    }
                }
                maxLate = max(maxLate, ContinuousClock.now - due)
                var properties = amqp_basic_properties_t()
                properties._flags = WO_BASIC_DELIVERY_MODE_FLAG | WO_BASIC_CONTENT_TYPE_FLAG | WO_BASIC_MESSAGE_ID_FLAG
                properties.delivery_mode = 2
                properties.content_type = contentType
                properties.message_id = m.id
                let status = amqp_basic_publish(session.state, channel, m.exchange, m.routingKey, 1, 0, &properties, m.body)
                guard status == AMQP_STATUS_OK.rawValue else { throw .connectionLost("paced publish: \(BrokerSession.statusText(status))") }
                sent += 1
                amqp_maybe_release_buffers(session.state)
            }
            while confirms.confirmedThrough < UInt64(sent) {
                try confirms.read(nextFrame(session))
                amqp_maybe_release_buffers(session.state)
            }
            return PacedResult(maxSendLateness: maxLate, sent: sent)
        }
    }
}

extension Duration {
    fileprivate var pacedSeconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
