import AMQPClient
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore
import WorkOrderTopology

/// Consumes intake and transitions, hands batches to the writer, and acks each
/// delivery only after its effect is committed. On shutdown it stops consuming and
/// finishes what it holds.
///
/// No single message can stop it: a body that breaks the contract is dead-lettered with
/// the reason; a batch whose commit fails is split until the message that fails is found
/// and dead-lettered alone; and a message that was delivered before without being
/// committed (the process died with it in hand) is counted in the store and applied on
/// its own, so one that kills the process is dead-lettered after `maxDeliveries`.
struct InboundService: Service {
    let connection: AMQPConnection
    let writer: WriterLoop
    let store: any OrderStore
    let configuration: ServerConfiguration
    let metrics: ServerMetrics
    let readiness: Readiness
    let logger: Logger

    func run() async throws {
        let intake = try await connection.consume(queue: BrokerTopology.intakeQueue, prefetch: configuration.prefetch)
        let transitions = try await connection.consume(queue: BrokerTopology.transitionsQueue, prefetch: configuration.prefetch)
        let buffer = DeliveryBuffer(sources: 2)
        readiness.setConsuming(true)
        defer { readiness.setConsuming(false) }
        logger.info("consuming", metadata: ["amqp.queues": "\(BrokerTopology.intakeQueue), \(BrokerTopology.transitionsQueue)"])
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for consumer in [intake, transitions] {
                    group.addTask {
                        defer { buffer.sourceFinished() }
                        do {
                            for try await deliveries in consumer.batches { buffer.push(deliveries, from: consumer) }
                        } catch {
                            logger.error("consumer ended", metadata: ["amqp.queue": "\(consumer.queue)", "amqp.error": "\(error)"])
                        }
                    }
                }
                group.addTask {
                    var pipeline = InboundPipeline()
                    await buffer.drain(limit: configuration.maxBatch) { batch in
                        await process(batch, in: &pipeline)
                    } whenEmpty: {
                        // Nothing more to submit: the batch in flight is settled now, not
                        // when the next arrives (its unacked deliveries hold the prefetch).
                        await settleLast(in: &pipeline)
                    }
                    await settleLast(in: &pipeline)
                }
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            intake.cancel()
            transitions.cancel()
        }
        logger.info("stopped consuming; in-flight work committed")
    }

    /// The batch submitted last and not yet settled.
    struct InboundPipeline {
        var last: Submitted?
    }

    struct Submitted {
        var ticket: WriterLoop.Ticket
        var entries: [DeliveryBuffer.Entry]
        var items: [WorkItem]
    }

    /// Two batches in flight: this one is submitted before the one before it is settled,
    /// so the writer prepares it while that one commits. Acks stay in order: the one
    /// before is settled first. If it failed, this one was refused unread
    /// (`WriterLoop.PredecessorFailed`); both are then retried in turn by the
    /// one-at-a-time path below, and the pipeline starts again empty. A batch with a
    /// redelivered message waits for everything before it and takes that path too.
    private func process(_ batch: [DeliveryBuffer.Entry], in pipeline: inout InboundPipeline) async {
        guard !batch.contains(where: { $0.delivery.redelivered }) else {
            await settleLast(in: &pipeline)
            await process(batch)
            return
        }
        let items = batch.map { workItem(for: $0.delivery) }
        let before = pipeline.last
        pipeline.last = Submitted(ticket: writer.enqueue(items, after: before?.ticket), entries: batch, items: items)
        if let before, await !settle(before) {
            await settleLast(in: &pipeline)
        }
    }

    private func settleLast(in pipeline: inout InboundPipeline) async {
        guard let last = pipeline.last else { return }
        pipeline.last = nil
        _ = await settle(last)
    }

    /// Acks a submitted batch once committed; one that failed goes the one-at-a-time
    /// way (retries, splits, dead letters). True if it committed as submitted.
    private func settle(_ submitted: Submitted) async -> Bool {
        do {
            let outcomes = try await writer.outcome(of: submitted.ticket)
            metrics.record(outcomes)
            settle(submitted.entries)
            return true
        } catch {
            await commit(submitted.entries, items: submitted.items)
            return false
        }
    }

    /// Applies the batch in arrival order: runs of first deliveries together (group
    /// commit), each redelivered message on its own after counting it.
    private func process(_ batch: [DeliveryBuffer.Entry]) async {
        var run: [DeliveryBuffer.Entry] = []
        for entry in batch {
            guard entry.delivery.redelivered else {
                run.append(entry)
                continue
            }
            if !run.isEmpty { await commit(run) }
            run = []
            await processRedelivered(entry)
        }
        if !run.isEmpty { await commit(run) }
    }

    /// A redelivered message may be the one that killed the last process. Its delivery is
    /// counted (committed before it is applied), and past the limit it is dead-lettered
    /// unread.
    private func processRedelivered(_ entry: DeliveryBuffer.Entry) async {
        let key = attemptKey(entry.delivery)
        var attempts = 0
        while !Task.isCancelled {
            do {
                attempts = try await store.recordDeliveryAttempt(key: key)
                break
            } catch {
                logger.error("cannot count a redelivery; retrying", metadata: ["store.error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
        // `attempts` counts redeliveries; the first delivery came before any count.
        let deliveries = attempts + 1
        if deliveries > configuration.maxDeliveries {
            let reason = "delivery limit exceeded: delivered \(deliveries) times without its effect being committed "
                + "(the limit is \(configuration.maxDeliveries)); it may make the server fail"
            let original = original(of: entry.delivery)
            await commit([entry], items: [.deadLetter(reason: reason, messageID: key, original: original)])
            return
        }
        await commit([entry])
    }

    /// Commits the entries' effects and acks them. A failure is retried while the store
    /// seems down; a batch that fails while the store works is split in two, down to the
    /// one message that cannot be committed, which is dead-lettered with the error.
    private func commit(_ entries: [DeliveryBuffer.Entry], items given: [WorkItem]? = nil) async {
        let items = given ?? entries.map { workItem(for: $0.delivery) }
        var failures = 0
        while !Task.isCancelled {
            do {
                let outcomes = try await writer.apply(items)
                metrics.record(outcomes)
                settle(entries)
                return
            } catch {
                failures += 1
                if entries.count > 1 {
                    // Whether the store is down or one message is bad, halves find out: a
                    // store that is down fails every half, and the singles then wait for it.
                    logger.warning("batch commit failed; splitting it", metadata: ["store.error": "\(error)", "batch.size": "\(entries.count)"])
                    let middle = entries.count / 2
                    await commit(Array(entries[..<middle]), items: Array(items[..<middle]))
                    await commit(Array(entries[middle...]), items: Array(items[middle...]))
                    return
                }
                if failures >= 2, let item = items.first, !item.isDeadLetter {
                    // Twice for one message: dead-letter it. If even that commit fails,
                    // the store is down and the message is tried again as it was.
                    let reason = "cannot be committed: " + LogSafe.quote("\(error)", limit: 300)
                    let dead = WorkItem.deadLetter(reason: reason, messageID: item.inboxKey, original: original(of: entries[0].delivery))
                    if let outcomes = try? await writer.apply([dead]) {
                        metrics.record(outcomes)
                        settle(entries)
                        return
                    }
                }
                logger.error("commit failed; retrying", metadata: ["store.error": "\(error)", "batch.size": "\(entries.count)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Everything in the entries is committed (applied, rejected, dead-lettered or a
    /// duplicate), and everything before them was settled: one multiple-ack per consumer.
    private func settle(_ entries: [DeliveryBuffer.Entry]) {
        var last: [String: DeliveryBuffer.Entry] = [:]
        for entry in entries { last[entry.consumer.tag] = entry }
        for entry in last.values { entry.consumer.ack(entry.delivery, multiple: true) }
    }

    private func workItem(for delivery: Delivery) -> WorkItem {
        let original = original(of: delivery)
        let envelope = InboundEnvelope(
            route: delivery.exchange == BrokerTopology.transitionsExchange ? .transitions : .intake,
            routingKey: delivery.routingKey, messageID: delivery.properties.messageID, replyTo: delivery.properties.replyTo,
            correlationID: delivery.properties.correlationID, malformedProperties: delivery.properties.malformed, body: delivery.body)
        if let poison = configuration.crashOnMessageID, delivery.properties.messageID == poison {
            fatalError("fault injection: WO_FAULT_CRASH_ON_MESSAGE_ID matched")
        }
        switch InboundMessage.decode(envelope, maxBodyBytes: configuration.maxBodyBytes) {
        case .intake(let request, let messageID):
            return .intake(request, messageID: messageID, original: original)
        case .transition(let message, let messageID, let replyTo, let correlationID):
            return .transition(message, messageID: messageID, replyTo: replyTo, correlationID: correlationID, original: original, sender: sender(of: delivery))
        case .invalid(let violation, let messageID?):
            return .deadLetter(reason: violation.description, messageID: messageID, original: original)
        case .invalid(let violation, nil):
            // Without a usable idempotency key a redelivery could not be recognised; each
            // such delivery is dead-lettered on its own (two identical ones give two letters).
            return .deadLetter(reason: violation.description, messageID: uniqueKey("no-id:" + ContentHash.of(delivery)), original: original)
        }
    }

    /// The broker user that published the message. RabbitMQ checked it against the
    /// connection's login; it is still bounded and checked like any text from outside,
    /// and one that fails is no sender at all (refused unless in development mode).
    private func sender(of delivery: Delivery) -> String? {
        guard let user = delivery.properties.userID, !delivery.properties.malformed.contains("user_id"),
              (try? TextRule(maxCharacters: 255).check(user, field: "user_id")) != nil else { return nil }
        return user
    }

    private func original(of delivery: Delivery) -> DeadLetterOriginal {
        DeadLetterOriginal(exchange: delivery.exchange, routingKey: delivery.routingKey, body: delivery.body, messageID: delivery.properties.messageID)
    }

    /// The key a redelivered message is counted under: its id when it has a usable one.
    private func attemptKey(_ delivery: Delivery) -> String {
        if let id = delivery.properties.messageID, delivery.properties.malformed.isEmpty, (try? MessageIDs.check(id)) != nil {
            return MessageIDs.bounded(id)
        }
        return "no-id:" + ContentHash.of(delivery)
    }

    /// An inbox key no other delivery shares.
    private func uniqueKey(_ base: String) -> String {
        MessageIDs.derived(base, ":\(UInt64.random(in: 0...UInt64.max))")
    }
}

/// A stable key for a message that came without a message id (FNV-1a over routing key and body).
enum ContentHash {
    static func of(_ delivery: Delivery) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(delivery.routingKey.utf8) + [0] + delivery.body {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
