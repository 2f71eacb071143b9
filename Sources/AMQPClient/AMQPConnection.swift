import Foundation
import Logging

/// A connection to RabbitMQ, safe to share between tasks.
///
/// Each connection runs its own thread (librabbitmq is blocking and not thread-safe);
/// every method here hands a command to that thread and awaits the answer. After the
/// first successful connect the thread reconnects by itself with backoff, re-declares
/// what was declared and re-subscribes consumers.
public final class AMQPConnection: Sendable {
    public let url: AMQPURL
    public let name: String
    private let inbox: CommandInbox

    private init(url: AMQPURL, name: String, inbox: CommandInbox) {
        self.url = url
        self.name = name
        self.inbox = inbox
    }

    /// Connects and logs in. Fails at once, without retrying, when the broker is not
    /// there or refuses the credentials.
    public static func connect(
        to url: AMQPURL,
        name: String,
        reconnect: ReconnectPolicy = .default,
        timeout: Duration = .seconds(10),
        logger: Logger
    ) async throws -> AMQPConnection {
        let inbox = CommandInbox()
        let loop = ConnectionLoop(
            url: url, name: name, reconnect: reconnect,
            timeoutSeconds: max(1, Int(timeout.components.seconds)), inbox: inbox, logger: logger
        )
        try await withCheckedThrowingContinuation { (started: CheckedContinuation<Void, any Error>) in
            let thread = Thread { loop.run(started: started) }
            thread.name = "amqp:\(name)"
            thread.start()
        }
        return AMQPConnection(url: url, name: name, inbox: inbox)
    }

    /// Closes the connection: unacked deliveries return to their queues, unconfirmed
    /// publishes fail with `AMQPError.closed`.
    public func close() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            if !inbox.submit(.close(done)) { done.resume() }
        }
    }

    /// How many times the connection came back after the broker went away.
    public var reconnectCount: Int { inbox.reconnects.load(ordering: .relaxed) }

    // MARK: Topology

    public func declareExchange(_ name: String, kind: ExchangeKind = .topic, durable: Bool = true, arguments: FieldTable = [:]) async throws {
        _ = try await call(.declareExchange(name: name, kind: kind, durable: durable, arguments: arguments))
    }

    @discardableResult
    public func declareQueue(_ spec: QueueSpec) async throws -> QueueInfo {
        guard case .queue(let info) = try await call(.declareQueue(spec)) else { throw AMQPError.closed }
        return info
    }

    public func bindQueue(_ queue: String, to exchange: String, routingKey: String) async throws {
        _ = try await call(.bindQueue(queue: queue, exchange: exchange, routingKey: routingKey))
    }

    /// Removes every ready message; returns how many.
    @discardableResult
    public func purgeQueue(_ queue: String) async throws -> Int {
        guard case .count(let n) = try await call(.purgeQueue(queue)) else { return 0 }
        return n
    }

    @discardableResult
    public func deleteQueue(_ queue: String) async throws -> Int {
        guard case .count(let n) = try await call(.deleteQueue(queue)) else { return 0 }
        return n
    }

    public func deleteExchange(_ name: String) async throws {
        _ = try await call(.deleteExchange(name))
    }

    private func call(_ rpc: RPC) async throws -> RPCResult {
        try await withCheckedThrowingContinuation { continuation in
            if !inbox.submit(.rpc(rpc, continuation)) { continuation.resume(throwing: AMQPError.closed) }
        }
    }

    // MARK: Publishing

    /// Publishes one message and returns once the broker has confirmed it.
    public func publish(_ message: OutgoingMessage) async throws {
        if let error = await publishEach([message])[0] { throw error }
    }

    /// Publishes all messages pipelined (no round trip per message) and returns each
    /// one's outcome, in order: nil when confirmed, else why not.
    ///
    /// A message that cannot be framed (see `OutgoingMessage.wireProblem`) is refused here
    /// with `.invalidMessage` and never reaches the socket: sent, it would make the broker
    /// close the connection, and every retry would do it again.
    public func publishEach(_ messages: [OutgoingMessage]) async -> [AMQPError?] {
        guard !messages.isEmpty else { return [] }
        let problems = messages.map { $0.wireProblem.map { AMQPError.invalidMessage($0) } }
        let sendable = zip(messages, problems).compactMap { $1 == nil ? $0 : nil }
        guard !sendable.isEmpty else { return problems }
        let outcomes = await withCheckedContinuation { continuation in
            if !inbox.submit(.publish(sendable, continuation)) {
                continuation.resume(returning: Array(repeating: .closed, count: sendable.count))
            }
        }
        guard sendable.count != messages.count else { return outcomes }
        var sent = outcomes.makeIterator()
        return problems.map { problem in problem ?? sent.next() ?? .closed }
    }

    // MARK: Consuming

    /// Starts consuming `queue` with manual acknowledgement; at most `prefetch`
    /// deliveries are unacked at once. The consumer survives reconnects.
    ///
    /// With `decide`, each delivery is first shown to that closure on the connection's
    /// thread, which may settle it there (see `DeliveryVerdict`); only those it passes
    /// on reach the async sequence.
    public func consume(
        queue: String, prefetch: UInt16 = 100, tag: String? = nil,
        decide: (@Sendable (Delivery) -> DeliveryVerdict)? = nil
    ) async throws -> AMQPConsumer {
        let consumerTag = tag ?? "\(name).\(queue).\(UUID().uuidString.prefix(8))"
        let (stream, continuation) = DeliveryBatches.makeStream()
        let inbox = self.inbox
        continuation.onTermination = { _ in inbox.submit(.cancel(consumerTag: consumerTag)) }
        let request = ConsumerRequest(queue: queue, prefetch: prefetch, tag: consumerTag, continuation: continuation, decide: decide)
        _ = try await withCheckedThrowingContinuation { (started: CheckedContinuation<String, any Error>) in
            if !inbox.submit(.consume(request, started)) { started.resume(throwing: AMQPError.closed) }
        }
        return AMQPConsumer(tag: consumerTag, queue: queue, stream: stream, inbox: inbox)
    }
}
