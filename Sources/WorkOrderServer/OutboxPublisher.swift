import AMQPClient
import Logging
import ServiceLifecycle
import Synchronization
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore
import WorkOrderTopology

/// Publishes committed outbox rows with publisher confirms; a row counts as published
/// only once confirmed. The writer hands the rows of each commit over in memory
/// (`OutboxHandoff`), so they are not read back; rows pending from before a restart, or
/// more than the handoff holds, are read from the store. Confirmed ids ride on the
/// writer's next commit, or are written here when the writer is idle for `markDelay`;
/// an idle publisher also reads the store every `sweepInterval` for rows it was not given.
/// A crash before they are written re-sends those rows with the same message ids;
/// receivers deduplicate. On shutdown it flushes what is pending and writes the marks.
struct OutboxPublisher: Service {
    let connection: AMQPConnection
    let store: any OrderStore
    let handoff: OutboxHandoff
    let wake: WakeSignal
    let metrics: ServerMetrics
    let logger: Logger
    var batchSize = 500
    var markDelay: Duration = .milliseconds(200)
    /// How often an idle publisher reads the store for rows the writer did not hand over.
    var sweepInterval: Duration = .seconds(2)

    func run() async throws {
        // Shutdown ends the waiting, never a round between publishing and marking:
        // cancelled there, confirmed rows would stay pending and go out twice.
        let stopping = Atomic<Bool>(false)
        await withGracefulShutdownHandler {
            var lastSweep = ContinuousClock.now
            while !stopping.load(ordering: .relaxed), !Task.isCancelled {
                if await round() { continue }
                await writeMarks(olderThan: markDelay)
                if ContinuousClock.now - lastSweep >= sweepInterval {
                    lastSweep = .now
                    handoff.sweep()
                    continue
                }
                await wake.wait(timeout: handoff.oldestMarkAt == nil ? .milliseconds(500) : markDelay)
            }
        } onGracefulShutdown: {
            stopping.store(true, ordering: .relaxed)
            wake.signal()
        }
        // Flush: the inbound service and the timers have stopped, nothing new arrives.
        var rounds = 0
        while await round(), rounds < 1000 { rounds += 1 }
        await writeMarks(olderThan: .zero)
        let left = (try? await store.outboxDepth()) ?? -1
        logger.info("outbox flushed", metadata: ["outbox.pending": "\(left)"])
    }

    /// One round: sends what the handoff holds, or what the store holds that it does not.
    /// False when there was nothing to do.
    func round() async -> Bool {
        switch handoff.next(limit: batchSize) {
        case .idle:
            return false
        case .send(let rows):
            await publish(rows)
            return true
        case .readStore(let before):
            let rows: [OutboxMessage]
            do {
                rows = try await store.pendingOutbox(after: handoff.sentUpTo, before: before, limit: batchSize)
            } catch {
                logger.error("cannot read the outbox", metadata: ["store.error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
                return false
            }
            handoff.scanned(found: rows.count, limit: batchSize)
            if !rows.isEmpty { await publish(rows) }
            return true
        }
    }

    /// Publishes the rows in order and hands back the ids confirmed. Rows the broker did
    /// not confirm (it went away) are read from the store again, from the first of them.
    private func publish(_ rows: [OutboxMessage]) async {
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
        let settled = Set(done)
        if let firstOpen = rows.first(where: { !settled.contains($0.id) }) {
            handoff.resend(from: firstOpen.id)
            logger.warning("publishing incomplete; will retry", metadata: ["outbox.unconfirmed": "\(rows.count - done.count)"])
            try? await Task.sleep(for: .milliseconds(200))
        } else if let last = rows.last {
            handoff.sent(upTo: last.id)
        }
        guard !done.isEmpty else { return }
        handoff.confirmed(done, at: .now)
        metrics.messagesOut(done.count)
    }

    /// Writes the confirmed ids the writer has not taken within `age`.
    private func writeMarks(olderThan age: Duration) async {
        guard let oldest = handoff.oldestMarkAt, ContinuousClock.now - oldest >= age else { return }
        let marks = handoff.takeMarks()
        guard !marks.isEmpty else { return }
        do {
            try await store.markPublished(outboxIDs: marks)
        } catch {
            handoff.returnMarks(marks)
            logger.error("cannot mark outbox rows published; will retry", metadata: ["store.error": "\(error)"])
        }
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
