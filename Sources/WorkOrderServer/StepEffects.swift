import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore
import WorkOrderTopology

/// Turns the actions of one step into store rows and messages.
struct StepEffects {
    var history: [HistoryRecord] = []
    var armTimers: [ArmedTimer] = []
    var cancelTimers: [TimerID] = []
    var outbox: [OutboxMessage] = []
    var linkedIntakes: [(IntakeRequest, OrderLink)] = []

    init(step: Step, causedBy messageID: String?, policy: PolicySet, now: Instant) {
        let order = step.order
        history.append(HistoryRecord(
            orderID: order.id, at: now, event: step.history.event, actor: "\(step.history.actor.id) (\(step.history.actor.role.rawValue))",
            detail: step.history.description, messageID: messageID, state: order.stateName
        ))
        var sequence = 0
        func nextID(_ label: String) -> String {
            sequence += 1
            // Derived from the cause, so a step replayed after a crash sends the same ids;
            // hashed when the sender's id leaves no room (AMQP ids hold 255 bytes).
            return MessageIDs.derived(messageID ?? "timer-\(now.millisecondsSinceEpoch)", "/\(order.id)/\(label)\(sequence)")
        }
        // What the step sent, for the observers' event below (`wo watch`).
        var dispatched: [String] = []
        var followed: [String] = []
        for action in step.actions {
            switch action {
            case .record(let text):
                history.append(HistoryRecord(orderID: order.id, at: now, event: "note", actor: "system", detail: text, messageID: messageID, state: order.stateName))
            case .fact(let fact):
                history.append(HistoryRecord(orderID: order.id, at: now, event: "note", actor: "system", fact: fact, messageID: messageID, state: order.stateName))
            case .dispatch(let department, let task):
                dispatched.append(department.queueName)
                let body = DispatchMessage(
                    orderID: order.id, kind: order.kind, state: order.stateName, department: department.queueName,
                    site: order.site, household: order.household, owner: order.owner, subject: order.subject, content: order.content,
                    summary: task.summary, dueByMs: task.dueBy?.millisecondsSinceEpoch, atMs: now.millisecondsSinceEpoch
                )
                outbox.append(OutboxMessage(
                    exchange: "", routingKey: BrokerTopology.dispatchQueue(for: department.queueName), messageID: nextID("dispatch"),
                    type: "dispatch", body: body.encoded(), createdAt: now
                ))
            case .armTimer(let id, let due):
                armTimers.append(ArmedTimer(id: id, due: due))
                // Deadlines are kept in the history too, so reports can tell met from breached.
                history.append(HistoryRecord(
                    orderID: order.id, at: now, event: "deadline_set", actor: "system",
                    fact: .deadlineSet(purpose: id.purpose, dueMs: due.millisecondsSinceEpoch), messageID: messageID, state: order.stateName))
            case .cancelTimer(let id):
                cancelTimers.append(id)
                history.append(HistoryRecord(
                    orderID: order.id, at: now, event: "deadline_cleared", actor: "system", fact: .deadlineCleared(purpose: id.purpose),
                    messageID: messageID, state: order.stateName))
            case .notify(let role, let reason):
                followed.append("notification to \(role.rawValue): \(reason)")
                outbox.append(followup(.notification, order, role: role, level: nil, reason: reason, due: nil, now: now, id: nextID("notify")))
            case .escalate(let role, let level, let reason):
                followed.append("escalation to \(role.rawValue) (level \(level)): \(reason)")
                outbox.append(followup(.escalation, order, role: role, level: level, reason: reason, due: nil, now: now, id: nextID("escalate")))
            case .replyToOwner(let form, let content):
                history.append(HistoryRecord(orderID: order.id, at: now, event: "reply_to_owner", actor: "system", detail: "\(form.rawValue): \(content)", messageID: messageID, state: order.stateName))
            case .openLinkedOrder(let kind, let subject, let reason, let link, let fields):
                var intake = IntakeRequest(
                    kind: kind, site: order.site, household: order.household, owner: order.owner, channel: order.channel,
                    subject: subject ?? order.subject, content: reason)
                intake.fields = fields
                intake.fields["opened_from"] = .string(order.id)
                linkedIntakes.append((intake, link))
            case .scheduleCallback(let round, let due, let role):
                history.append(HistoryRecord(
                    orderID: order.id, at: now, event: "callback_scheduled", actor: "system",
                    fact: .callbackScheduled(round: round, dueMs: due.millisecondsSinceEpoch, role: role), messageID: messageID, state: order.stateName))
            case .callbackDue(let round, let attempt, let role):
                followed.append("call-back round \(round) attempt \(attempt) to \(role.rawValue)")
                let task = FollowupMessage(
                    callbackFor: order.id, kind: order.kind, site: order.site, household: order.household, owner: order.owner,
                    subject: order.subject, round: round, attempt: attempt, maxAttempts: policy.callbacks.maxAttempts, role: role,
                    script: CallbackScript.render(for: order, round: round, policy: policy).map { FollowupMessage.ScriptLine(step: $0.step.rawValue, say: $0.say) },
                    satisfactionScale: policy.satisfaction.levels, forms: ["phone", "home_visit", "letter"], atMs: now.millisecondsSinceEpoch
                )
                outbox.append(OutboxMessage(
                    exchange: "", routingKey: BrokerTopology.followupsQueue, messageID: nextID("callback"),
                    type: "callback", body: task.encoded(), createdAt: now
                ))
                history.append(HistoryRecord(orderID: order.id, at: now, event: "callback_task", actor: "system", detail: "round \(round) attempt \(attempt) to \(role.rawValue)", messageID: messageID, state: order.stateName))
            case .charge(let amount, let item, let ticket):
                history.append(HistoryRecord(orderID: order.id, at: now, event: "charge", actor: "system", detail: "\(amount) fen for \(item)\(ticket.map { " ticket \($0)" } ?? "")", messageID: messageID, state: order.stateName))
            case .refundDeposit(let amount, let reason):
                history.append(HistoryRecord(orderID: order.id, at: now, event: "refund_deposit", actor: "system", detail: "\(amount) fen: \(reason)", messageID: messageID, state: order.stateName))
            }
        }
        // Observers see every change (not mandatory: no observer bound is normal), with
        // what it sent, so `wo watch` follows the work without taking anyone's messages.
        let event = OrderEventMessage(
            orderID: order.id, kind: order.kind, state: order.stateName, event: step.history.event,
            actor: step.history.actor.id, atMs: now.millisecondsSinceEpoch, detail: step.history.description, site: order.site,
            dispatches: dispatched.isEmpty ? nil : dispatched, followups: followed.isEmpty ? nil : Array(followed.prefix(50))
        )
        outbox.append(OutboxMessage(
            exchange: BrokerTopology.eventsExchange, routingKey: "\(order.kind.rawValue).\(order.stateName)", messageID: nextID("event"),
            type: "event", body: event.encoded(), createdAt: now
        ))
    }

    private func followup(_ type: FollowupMessage.Kind, _ order: WorkOrder, role: Role, level: Int?, reason: String, due: Instant?, now: Instant, id: String) -> OutboxMessage {
        let body = FollowupMessage(
            type: type, orderID: order.id, kind: order.kind, site: order.site, role: role, level: level,
            reason: reason, dueMs: due?.millisecondsSinceEpoch, atMs: now.millisecondsSinceEpoch
        )
        return OutboxMessage(exchange: "", routingKey: BrokerTopology.followupsQueue, messageID: id, type: type.rawValue, body: body.encoded(), createdAt: now)
    }
}
