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
        try await paced(url: url, count: messages.count, rate: rate, epoch: epoch, stop: stop) { messages[$0] }
    }

    /// The same with each message made when its turn comes (`make(i)`), so a long run
    /// holds no more than one in memory.
    public static func paced(
        url: AMQPURL, count: Int, rate: Double, epoch: ContinuousClock.Instant, stop: (@Sendable () -> Bool)? = nil,
        make: @escaping @Sendable (Int) -> PacedMessage
    ) async throws -> PacedResult {
        try await onThread(url: url) { session throws(AMQPError) in
            let channel: UInt16 = 1
            try session.openChannel(channel, confirms: true)
            let arena = CArena()
            let contentType = arena.bytes("application/json")
            var confirms = ConfirmCount()
            var maxLate = Duration.zero
            let interval = Duration.seconds(1) / rate
            var sent = 0
            for i in 0..<count {
                if let stop, stop() { break }
                let due = epoch + interval * Double(i)
                // Confirms are read while waiting for the next slot.
                while true {
                    let now = ContinuousClock.now
                    if now >= due { break }
                    let wait = due - now
                    if confirms.confirmedThrough < UInt64(i) {
                        // librabbitmq waits in whole milliseconds; given less it polls once
                        // and returns, and this loop spun through every slot (at 1,000/s a
                        // third of `wo bench latency`'s samples, on the server's cores). So:
                        // whole milliseconds only, then what is already here, then sleep.
                        var frame = amqp_frame_t()
                        let wholeMs = Int(min(wait.pacedSeconds, 1) * 1000)
                        var timeout = timeval(tv_sec: wholeMs / 1000, tv_usec: (wholeMs % 1000) * 1000)
                        let status = amqp_simple_wait_frame_noblock(session.state, &frame, &timeout)
                        if status == AMQP_STATUS_TIMEOUT.rawValue {
                            if wholeMs == 0 { Thread.sleep(forTimeInterval: wait.pacedSeconds) }
                            continue
                        }
                        guard status == AMQP_STATUS_OK.rawValue else { throw .connectionLost("paced publish: \(BrokerSession.statusText(status))") }
                        try confirms.read(frame)
                    } else {
                        Thread.sleep(forTimeInterval: wait.pacedSeconds)
                    }
                }
                let message = make(i)
                maxLate = max(maxLate, ContinuousClock.now - due)
                var properties = amqp_basic_properties_t()
                properties._flags = WO_BASIC_DELIVERY_MODE_FLAG | WO_BASIC_CONTENT_TYPE_FLAG | WO_BASIC_MESSAGE_ID_FLAG
                properties.delivery_mode = 2
                properties.content_type = contentType
                // librabbitmq copies everything into its frame before returning.
                let status = message.exchange.utf8CString.withUnsafeBufferPointer { exchange in
                    message.routingKey.utf8CString.withUnsafeBufferPointer { key in
                        message.messageID.utf8CString.withUnsafeBufferPointer { id in
                            message.body.withUnsafeBytes { body in
                                properties.message_id = amqp_bytes_t(len: id.count - 1, bytes: UnsafeMutableRawPointer(mutating: id.baseAddress!))
                                return amqp_basic_publish(
                                    session.state, channel, amqp_bytes_t(len: exchange.count - 1, bytes: UnsafeMutableRawPointer(mutating: exchange.baseAddress!)),
                                    amqp_bytes_t(len: key.count - 1, bytes: UnsafeMutableRawPointer(mutating: key.baseAddress!)), 1, 0, &properties,
                                    amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress)))
                            }
                        }
                    }
                }
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
