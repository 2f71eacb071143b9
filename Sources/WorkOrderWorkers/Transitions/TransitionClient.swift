import AMQPClient
import Foundation
import Logging
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderTopology

/// Publishes transitions to `wo.transitions` and waits for the server's answer on a
/// private reply queue (`reply_to` + `correlation_id`, docs/protocol.md). Used by
/// `wo task`, the simulated workers and the call-back desk.
public struct TransitionClient: Sendable {
    let connection: AMQPConnection
    let replyQueue: String
    let inbox: ReplyInbox

    /// Runs `body` with a client whose reply queue lives as long as the call.
    public static func with<T: Sendable>(
        connection: AMQPConnection, logger: Logger, _ body: @Sendable (TransitionClient) async throws -> T
    ) async throws -> T {
        let queue = "wo.reply.\(UUID().uuidString.prefix(12).lowercased())"
        _ = try await connection.declareQueue(QueueSpec(name: queue, durable: false, exclusive: true, autoDelete: true))
        let consumer = try await connection.consume(queue: queue, prefetch: 50)
        let client = TransitionClient(connection: connection, replyQueue: queue, inbox: ReplyInbox())
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await client.inbox.run(consumer, logger: logger)
                return nil
            }
            defer {
                consumer.cancel()
                group.cancelAll()
            }
            return try await body(client)
        }
    }

    /// Sends `step` for `orderID` and returns the server's answer. `messageID` is the
    /// idempotency key: sending the same id again is answered `duplicate`, never applied twice.
    public func send(orderID: String, step: StaffStep, messageID: String, timeout: Duration = .seconds(10)) async throws -> TransitionReply {
        let body = TransitionMessage(orderID: orderID, event: step.event, actor: step.actor, fields: step.fields)
        let properties = MessageProperties(
            contentType: "application/json", messageID: messageID, correlationID: messageID, replyTo: replyQueue, type: "transition", appID: "wo",
            // Who sent it, for certain: RabbitMQ refuses a user_id that is not the login's.
            userID: connection.url.user)
        let message = OutgoingMessage(
            exchange: BrokerTopology.transitionsExchange, routingKey: "task.\(step.event)",
            body: body.encoded(), properties: properties)
        try await connection.publish(message)
        return try await inbox.wait(for: messageID, timeout: timeout)
    }
}

public enum TransitionClientError: Error, CustomStringConvertible, Sendable {
    /// No answer in time: the server may be down, or the event may still be applied.
    case noAnswer(messageID: String, after: Duration)

    public var description: String {
        switch self {
        case .noAnswer(let id, let after):
            return "no answer from the server within \(after) (is `wo serve` running?); the event may still be applied: "
                + "send it again with --message-id \(id) to find out without applying it twice"
        }
    }
}
