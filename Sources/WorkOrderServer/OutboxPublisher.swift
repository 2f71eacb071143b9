import AMQPClient
import Logging
import ServiceLifecycle
import Synchronization
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore
import WorkOrderTopology

/// Publishes committed outbox rows with publisher confirms and marks them published
/// only once confirmed. A crash between the two re-sends a row with the same message
/// id; receivers deduplicate. On shutdown it flushes what is pending.
struct OutboxPublisher: Service {
    let connection: AMQPConnection
    let store: any OrderStore
    let wake: WakeSignal
    let metrics: ServerMetrics
    let logger: Logger
    var batchSize = 500

    func run() async throws {
        // Shutdown ends the waiting, never a round between publishing and marking:
        // cancelled there, confirmed rows would stay pending and go out twice.
        let stopping = Atomic<Bool>(false)
        await withGracefulShutdownHandler {
            while !stopping.load(ordering: .relaxed), !Task.isCancelled {
                let published = await publishPending()
                if published == 0 { await wake.wait(timeout: .milliseconds(500)) }
            }
        } onGracefulShutdown: {
            stopping.store(true, ordering: .relaxed)
            wake.signal()
        }
        // Flush: the inbound service has stopped, nothing new arrives.
        var rounds = 0
        while await publishPending() > 0, rounds < 100 { rounds += 1 }
        let left = (try? await store.outboxDepth()) ?? -1
        logger.info("outbox flushed", metadata: ["outbox.pending": "\(left)"])
    }

    /// Returns how many rows were settled (published, or dead-lettered as unroutable).
    func publishPending() async -> Int {
        let rows: [OutboxMessage]
        do {
            rows = try await store.pendingOutbox(limit: batchSize)
        } catch {
            logger.error("cannot read the outbox", metadata: ["store.error": "\(error)"])
            return 0
        }
        guard !rows.isEmpty else { return 0 }
        let outcomes = await connection.publishEach(rows.map(Self.message))
        var done: [Int64] = []
        var unroutable: [(OutboxMessage, AMQPError)] = []
        for (row, outcome) in zip(rows, outcomes) {
            switch outcome {
            case nil: done.append(row.id)
            case .some(let error) where !error.isTransient && error != .closed: unroutable.append((row, error))
            case .some: break
            }
        }
        // A message no queue takes (a reply queue that is gone) or that cannot be framed at
        // all: keep it in wo.dead-letters with the reason, never block the rows behind it.
        if !unroutable.isEmpty {
            let dead = unroutable.map { row, error in Self.deadLetter(row, reason: "\(error)") }
            let deadOutcomes = await connection.publishEach(dead)
            for ((row, error), outcome) in zip(unroutable, deadOutcomes) where outcome == nil {
                logger.warning("outgoing message dead-lettered", metadata: [
                    "amqp.message_id": "\(LogSafe.quote(row.messageID))", "amqp.error": "\(LogSafe.quote("\(error)"))",
                ])
                done.append(row.id)
            }
        }
        if done.count < rows.count {
            logger.warning("publishing incomplete; will retry", metadata: ["outbox.unconfirmed": "\(rows.count - done.count)"])
            try? await Task.sleep(for: .milliseconds(200))
        }
        guard !done.isEmpty else { return 0 }
        do {
            try await store.markPublished(outboxIDs: done)
            metrics.messagesOut(done.count)
        } catch {
            logger.error("cannot mark outbox rows published; they will be sent again", metadata: ["store.error": "\(error)"])
            return 0
        }
        return done.count
    }

    /// The row as a dead letter: its properties cut down to what AMQP can carry (a
    /// refused message may have been refused for them), the reason in the headers.
    static func deadLetter(_ row: OutboxMessage, reason: String) -> OutgoingMessage {
        var message = Self.message(row)
        message.exchange = BrokerTopology.deadLetterExchange
        message.routingKey = MessageIDs.bounded(row.routingKey)
        message.mandatory = true
        message.properties.messageID = MessageIDs.bounded(row.messageID)
        message.properties.correlationID = row.correlationID.map(MessageIDs.bounded)
        message.properties.headers["x-wo-reason"] = .string(LogSafe.header(reason))
        message.properties.headers["x-wo-original-exchange"] = .string(LogSafe.header(row.exchange))
        message.properties.headers["x-wo-original-routing-key"] = .string(LogSafe.header(row.routingKey))
        return message
    }

    static func message(_ row: OutboxMessage) -> OutgoingMessage {
        var headers: FieldTable = [:]
        for (key, value) in row.headers { headers[key] = .string(value) }
        let properties = MessageProperties(
            contentType: "application/json", messageID: row.messageID, correlationID: row.correlationID,
            type: row.type, appID: "wo", timestamp: UInt64(max(0, row.createdAt.millisecondsSinceEpoch / 1000)), headers: headers
        )
        // Events are for whoever listens; no listener is normal.
        let mandatory = row.exchange != BrokerTopology.eventsExchange
        return OutgoingMessage(exchange: row.exchange, routingKey: row.routingKey, body: row.body, properties: properties, mandatory: mandatory)
    }
}
