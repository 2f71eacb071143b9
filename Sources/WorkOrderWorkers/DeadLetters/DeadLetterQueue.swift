import WorkOrderProtocol
import AMQPClient
import Foundation
import WorkOrderTopology

/// Reads and replays `wo.dead-letters` without losing anything: messages are browsed by
/// holding them unacked and returned to the queue afterwards; a replayed one is removed
/// only after its replay is confirmed by the broker.
public struct DeadLetterQueue: Sendable {
    let connection: AMQPConnection

    public init(connection: AMQPConnection) {
        self.connection = connection
    }

    /// Up to `limit` dead letters, oldest first; they stay in the queue.
    public func list(limit: Int) async throws -> [DeadLetter] {
        try await withHeld(limit: limit) { held, consumer in
            held.forEach { consumer.nack($0, requeue: true) }
            return held.map(DeadLetter.init)
        }
    }

    /// Publishes the dead letter `messageID` again to where it was going, with `body` if
    /// given (a corrected message) or its own. The replay gets a new message id (the old
    /// one is spent: the server recorded it when it dead-lettered the message) and the
    /// headers `x-wo-replay-of` and `x-wo-replayed-by`; a `dead_letter.replayed` record
    /// goes to `wo.events`. Returns the new message id, or nil if there is no such letter.
    public func replay(messageID: String, body: [UInt8]?, by staff: String, reason: String, scanLimit: Int = 10_000) async throws -> String? {
        try await withHeld(limit: scanLimit) { held, consumer in
            guard let index = held.firstIndex(where: { $0.properties.messageID == messageID }) else {
                held.forEach { consumer.nack($0, requeue: true) }
                return nil
            }
            let original = held[index]
            // The others go back whatever happens to this one.
            for (other, delivery) in held.enumerated() where other != index { consumer.nack(delivery, requeue: true) }
            let letter = DeadLetter(original)
            let newID = MessageIDs.derived(messageID, "/replay-\(Int64(Date().timeIntervalSince1970 * 1000))")
            var properties = MessageProperties(
                contentType: original.properties.contentType, messageID: newID, correlationID: original.properties.correlationID,
                replyTo: original.properties.replyTo, type: original.properties.type, appID: "wo-dead-letters",
                // The replay is the replaying user's message (the original sender's user_id
                // would be refused by the broker); the server holds it to that user's roles.
                userID: connection.url.user)
            properties.headers["x-wo-replay-of"] = .string(messageID)
            properties.headers["x-wo-replayed-by"] = .string(staff)
            try await connection.publish(OutgoingMessage(
                exchange: letter.original_exchange, routingKey: letter.original_routing_key, body: body ?? original.body, properties: properties))
            let record = DeadLetterReplayRecord(
                originalMessageID: messageID, replayMessageID: newID, by: staff, reason: reason, corrected: body != nil,
                exchange: letter.original_exchange, routingKey: letter.original_routing_key, deadLetterReason: letter.reason,
                atMs: Int64(Date().timeIntervalSince1970 * 1000))
            try await connection.publish(OutgoingMessage(
                exchange: BrokerTopology.eventsExchange, routingKey: "dead_letter.replayed",
                body: record.encoded(),
                properties: MessageProperties(messageID: MessageIDs.derived(newID, "/record"), type: "dead_letter_replayed", appID: "wo-dead-letters"),
                mandatory: false))
            // Confirmed: the letter has done its work.
            consumer.ack(original)
            return newID
        }
    }

    /// Holds up to `limit` deliveries unacked while `body` runs; whatever `body` leaves
    /// unsettled returns to the queue when the consumer's channel closes.
    private func withHeld<T: Sendable>(
        limit: Int, _ body: @Sendable ([Delivery], AMQPConsumer) async throws -> T
    ) async throws -> T {
        let queue = BrokerTopology.deadLetterQueue
        try await BrokerTopology.declareOrCheck([queue], on: connection)
        let waiting = try await connection.declareQueue(QueueSpec(name: queue, passive: true)).messageCount
        let wanted = min(limit, waiting)
        let consumer = try await connection.consume(queue: queue, prefetch: UInt16(clamping: max(1, wanted)))
        defer { consumer.cancel() }
        let held = wanted == 0 ? [] : try await Self.collect(wanted, from: consumer)
        return try await body(held, consumer)
    }

    /// Up to `count` deliveries; fewer if the queue runs dry (someone else took some).
    private static func collect(_ count: Int, from consumer: AMQPConsumer) async throws -> [Delivery] {
        try await withThrowingTaskGroup(of: [Delivery]?.self) { group in
            group.addTask {
                var got: [Delivery] = []
                for try await delivery in consumer {
                    got.append(delivery)
                    if got.count >= count { break }
                }
                return got
            }
            group.addTask {
                // The messages were counted as ready just before; on a loaded machine their
                // delivery can still take seconds. Fewer arrive only if someone took some.
                try? await Task.sleep(for: .seconds(15))
                return nil
            }
            while let result = try await group.next() {
                if let got = result {
                    group.cancelAll()
                    return got
                }
                group.cancelAll() // time is up: the collector returns what it has
            }
            return []
        }
    }
}
