import Logging
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore
import WorkOrderTopology

/// What the writer sends back besides the changes themselves: answers to senders,
/// rejections, dead letters.
extension OrderWriter {
    /// A transition the order does not take: recorded, published and answered; the
    /// order does not change.
    func refused(
        _ message: TransitionMessage, on order: WorkOrder, _ rejection: Rejection,
        messageID: String, replyTo: String?, correlationID: String?, now: Instant
    ) -> (UnitOfWork, WorkOutcome) {
        var unit = UnitOfWork(messageID: messageID)
        unit.history.append(HistoryRecord(
            orderID: order.id, at: now, event: "rejected:\(message.event)", actor: "\(message.actor.id) (\(message.actor.role.rawValue))",
            detail: rejection.description, messageID: messageID, state: order.stateName
        ))
        let answer = TransitionReply(
            status: .rejected, orderID: order.id, event: message.event, state: order.stateName, reason: rejection.reason, rule: rejection.rule)
        unit.outbox.append(OutboxMessage(
            exchange: BrokerTopology.eventsExchange, routingKey: "\(order.kind.rawValue).rejected",
            messageID: MessageIDs.derived(messageID, "/rejected"), type: "rejection", body: answer.encoded(), createdAt: now
        ))
        if let replyTo {
            unit.outbox.append(reply(to: replyTo, correlationID: correlationID, order: order, event: message.event, rejection: rejection, now: now, messageID: messageID))
        }
        logger.info("transition rejected", metadata: [
            "workorder.id": "\(order.id)", "workorder.event": "\(LogSafe.quote(message.event))", "workorder.reason": "\(LogSafe.quote(rejection.description))",
        ])
        return (unit, .rejected(rejection.description))
    }

    /// Why the broker user that sent a transition may not send it, or nil (`access.yaml`).
    /// A department's user needs the order to have been dispatched to its department;
    /// the dispatches are the order's outbox record, kept after publishing.
    func senderRefusal(_ sender: String?, _ message: TransitionMessage, on order: WorkOrder) async throws -> Rejection? {
        var departments: Set<Department> = []
        if senders.needsDispatches(sender: sender) {
            for row in try await store.outboxMessages(ofTypes: ["dispatch"], orderIDs: [order.id]) {
                let prefix = BrokerTopology.dispatchQueue(for: "")
                if row.routingKey.hasPrefix(prefix), let department = Department(queueName: String(row.routingKey.dropFirst(prefix.count))) {
                    departments.insert(department)
                }
            }
        }
        return senders.refusal(sender: sender, actor: message.actor, dispatchedTo: departments, mode: senderCheck)
    }

    /// A sender that repeats a transition (a `wo task` retry, a worker restarting a task)
    /// still gets an answer: `duplicate`, with the order's current state. Nothing else changes.
    func duplicateReply(for item: WorkItem, batch: inout Batch) async throws -> UnitOfWork? {
        guard case .transition(let message, let messageID, let replyTo?, let correlationID, _, _) = item,
              let order = try await batch.order(message.orderID) else { return nil }
        let now = clock.now()
        batch.duplicateReplies += 1
        let key = MessageIDs.derived("duplicate-reply:\(messageID)", ":\(now.millisecondsSinceEpoch):\(batch.duplicateReplies)")
        let body = TransitionReply(
            status: .duplicate, orderID: order.id, event: message.event, state: order.stateName,
            reason: "message \(messageID) was already applied; nothing changed")
        return UnitOfWork(messageID: key, outbox: [OutboxMessage(
            exchange: "", routingKey: replyTo, messageID: key, type: "reply", body: body.encoded(),
            createdAt: now, correlationID: correlationID)])
    }

    func reply(to queue: String, correlationID: String?, order: WorkOrder, event: String, rejection: Rejection?, now: Instant, messageID: String) -> OutboxMessage {
        let body = TransitionReply(
            status: rejection == nil ? .accepted : .rejected, orderID: order.id, event: event, state: order.stateName,
            reason: rejection?.reason, rule: rejection?.rule
        )
        return OutboxMessage(
            exchange: "", routingKey: queue, messageID: MessageIDs.derived(messageID, "/reply"), type: "reply", body: body.encoded(),
            createdAt: now, correlationID: correlationID)
    }

    /// The original body and id go to `wo.dead` with the reason; the headers are escaped
    /// and bounded, whatever the sender put in the values the reason quotes.
    func deadLetter(reason: String, messageID: String, original: DeadLetterOriginal, now: Instant) -> (UnitOfWork, WorkOutcome) {
        let reason = LogSafe.header(reason)
        logger.warning("dead-lettered", metadata: ["amqp.message_id": "\(LogSafe.quote(messageID))", "workorder.reason": "\(reason)"])
        // The letter keeps the original id and key, escaped when they are not valid text
        // (a NUL would not even go into the store), so it can always be committed and sent.
        let message = OutboxMessage(
            exchange: BrokerTopology.deadLetterExchange, routingKey: Self.storable(original.routingKey),
            messageID: Self.storable(original.messageID ?? messageID), type: "dead_letter", body: original.body, createdAt: now,
            headers: [
                "x-wo-reason": reason, "x-wo-original-exchange": LogSafe.header(original.exchange),
                "x-wo-original-routing-key": LogSafe.header(original.routingKey),
            ]
        )
        return (UnitOfWork(messageID: messageID, outbox: [message]), .deadLettered(reason))
    }

    /// A sender's id or key as text any store takes and AMQP carries: escaped, bounded.
    static func storable(_ text: String) -> String {
        MessageIDs.bounded(LogSafe.quote(text, limit: MessageIDs.maxBytes))
    }
}
