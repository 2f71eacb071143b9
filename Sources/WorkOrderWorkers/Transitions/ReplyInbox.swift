import WorkOrderProtocol
import AMQPClient
import Logging

/// Matches replies on a private queue to the transitions waiting for them, by
/// correlation id. A reply nobody waits for (a retry's late twin) is dropped.
actor ReplyInbox {
    private var waiting: [String: CheckedContinuation<TransitionReply, any Error>] = [:]
    private var early: [String: TransitionReply] = [:]

    func wait(for correlationID: String, timeout: Duration) async throws -> TransitionReply {
        if let reply = early.removeValue(forKey: correlationID) { return reply }
        return try await withThrowingTaskGroup(of: TransitionReply.self) { group in
            group.addTask { try await self.register(correlationID) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TransitionClientError.noAnswer(messageID: correlationID, after: timeout)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    private func register(_ id: String) async throws -> TransitionReply {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if let reply = early.removeValue(forKey: id) {
                    continuation.resume(returning: reply)
                } else {
                    waiting[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: String) {
        waiting.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    func deliver(_ reply: TransitionReply, correlationID: String) {
        if let continuation = waiting.removeValue(forKey: correlationID) {
            continuation.resume(returning: reply)
        } else if early.count < 1000 {
            // The reply can beat the waiter (the publish confirm and the reply race).
            early[correlationID] = reply
        }
    }

    /// Reads the reply queue until cancelled.
    func run(_ consumer: AMQPConsumer, logger: Logger) async throws {
        for try await delivery in consumer {
            consumer.ack(delivery)
            guard let id = delivery.properties.correlationID else { continue }
            do {
                deliver(try TransitionReply.decode(delivery.body), correlationID: id)
            } catch {
                logger.warning("unreadable reply", metadata: ["amqp.correlation_id": "\(id)", "error": "\(error)"])
            }
        }
    }
}
