import CRabbitMQ
import Glibc
import Logging

/// The thread that owns one broker connection (AMQP-NOTES: a librabbitmq connection is
/// not thread-safe, and a blocking call inside Swift's small concurrency pool would
/// stall the process). Async callers talk to it only through `CommandInbox`.
///
/// Channel 1 carries declarations, channel 2 publishes in confirm mode, channels 3…
/// carry one consumer each.
final class ConnectionLoop: @unchecked Sendable {
    static let rpcChannel: UInt16 = 1
    static let publishChannel: UInt16 = 2
    static let sequenceHeader = "x-wo-publish-seq"

    let url: AMQPURL
    let name: String
    let reconnect: ReconnectPolicy
    let timeoutSeconds: Int
    let inbox: CommandInbox
    var logger: Logger

    var session: BrokerSession?
    var generation: UInt64 = 0
    var confirms = PendingConfirms<PublishWaiter>()
    var consumers: [String: ConsumerState] = [:]
    var nextConsumerChannel: UInt16 = 3
    /// Declarations replayed after a reconnect (exclusive reply queues need it).
    var declarations: [RPC] = []
    /// Commands that wait for the connection to come back.
    var deferred: [Command] = []
    var closeWaiters: [CheckedContinuation<Void, Never>] = []

    init(url: AMQPURL, name: String, reconnect: ReconnectPolicy, timeoutSeconds: Int, inbox: CommandInbox, logger: Logger) {
        self.url = url
        self.name = name
        self.reconnect = reconnect
        self.timeoutSeconds = timeoutSeconds
        self.inbox = inbox
        self.logger = logger
        self.logger[metadataKey: "amqp.connection"] = "\(name)"
    }

    /// The thread's body: first connection (reported to `started`), then serve and
    /// reconnect until closed.
    func run(started: CheckedContinuation<Void, any Error>) {
        do {
            try connect()
            started.resume()
        } catch {
            started.resume(throwing: error)
            finish(error: error)
            return
        }
        while closeWaiters.isEmpty {
            do {
                try serve()
            } catch {
                logger.warning("connection to the broker lost", metadata: ["amqp.error": "\(error)"])
                dropSession(error: .connectionLost("\(error)"))
                if !closeWaiters.isEmpty || !reconnectWithBackoff() { break }
            }
        }
        finish(error: AMQPError.closed)
    }

    func connect() throws(AMQPError) {
        let session = try BrokerSession(url: url, connectionName: name, timeoutSeconds: timeoutSeconds)
        do {
            try session.openChannel(Self.rpcChannel)
            try session.openChannel(Self.publishChannel, confirms: true)
            for declaration in declarations { _ = try perform(declaration, on: session) }
            generation += 1
            self.session = session
            for tag in consumers.keys.sorted() { try subscribe(tag) }
        } catch {
            self.session = nil
            session.close()
            throw error
        }
        logger.debug("connected", metadata: ["amqp.url": "\(url)"])
    }

    /// Forgets the dead session: unconfirmed publishes fail as `connectionLost` (the caller
    /// retries; consumers deduplicate by message id), delivery tags become stale.
    func dropSession(error: AMQPError) {
        session?.close()
        session = nil
        for waiter in confirms.reset() { waiter.settle(error) }
        // Read before the loss: handed over as read (their acks will be dropped as stale).
        handOverDeliveries()
    }

    /// Returns false when closing was requested or the attempts ran out.
    func reconnectWithBackoff() -> Bool {
        var attempt = 0
        while true {
            attempt += 1
            if let limit = reconnect.maximumAttempts, attempt > limit { return false }
            if !sleepHandlingClose(reconnect.delay(beforeAttempt: attempt)) { return false }
            do {
                try connect()
                inbox.reconnects.add(1, ordering: .relaxed)
                logger.info("reconnected to the broker", metadata: ["amqp.attempt": "\(attempt)"])
                return true
            } catch {
                logger.debug("reconnect failed", metadata: ["amqp.attempt": "\(attempt)", "amqp.error": "\(error)"])
            }
        }
    }

    /// Waits, still taking commands: a close ends the wait, everything else is deferred.
    private func sleepHandlingClose(_ delay: Duration) -> Bool {
        var fds = pollfd(fd: inbox.eventFD, events: Int16(POLLIN), revents: 0)
        _ = poll(&fds, 1, Int32(delay.wholeMillisecondsForPoll))
        for command in inbox.drain() {
            if case .close(let waiter) = command { closeWaiters.append(waiter) } else { deferred.append(command) }
        }
        return closeWaiters.isEmpty
    }

    /// Final clean-up: every waiter gets an answer, every stream ends.
    func finish(error: any Error) {
        session?.close()
        session = nil
        let failure = (error as? AMQPError) ?? .closed
        for waiter in confirms.reset() { waiter.settle(failure) }
        for tag in consumers.keys { consumers[tag]?.finish() }
        consumers = [:]
        for command in deferred + inbox.shutDown() { fail(command, with: failure) }
        deferred = []
        for waiter in closeWaiters { waiter.resume() }
        closeWaiters = []
    }

    func fail(_ command: Command, with error: AMQPError) {
        switch command {
        case .rpc(_, let c): c.resume(throwing: error)
        case .publish(let messages, let c): c.resume(returning: Array(repeating: error, count: messages.count))
        case .consume(let request, let c):
            request.continuation.finish(throwing: error)
            c.resume(throwing: error)
        case .cancel, .settle: break
        case .close(let c): c.resume()
        }
    }
}

extension Duration {
    var wholeMillisecondsForPoll: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
