import Logging
import WorkOrderCore
import WorkOrderStore
import WorkOrderTopology

/// The single writer: applies work items to orders through the engine and commits
/// each batch in one transaction (group commit). Incoming messages and fired timers
/// both pass through here, so no two changes to an order ever race.
actor OrderWriter {
    let store: any OrderStore
    let engine: WorkflowEngine
    let clock: WorkClock
    let logger: Logger
    let onCommit: @Sendable () -> Void

    init(store: any OrderStore, engine: WorkflowEngine, clock: WorkClock, logger: Logger, onCommit: @escaping @Sendable () -> Void) {
        self.store = store
        self.engine = engine
        self.clock = clock
        self.logger = logger
        self.onCommit = onCommit
    }

    /// Applies and commits; returns one outcome per item. Throws only when the store
    /// fails, in which case nothing of the batch is committed.
    func apply(_ items: [WorkItem]) async throws -> [WorkOutcome] {
        // An actor runs other calls while this one awaits the store; without this turn
        // a timer batch could read an order a transition batch is about to change and
        // write the stale copy back (seen: on_site undone by an on_site_overdue timer).
        await takeTurn()
        defer { endTurn() }
        let already = try await store.processedMessageIDs(among: items.map(\.messageID))
        var batch = Batch(store: store)
        var outcomes: [WorkOutcome] = []
        var seen: Set<String> = []
        for item in items {
            if already.contains(item.messageID) || !seen.insert(item.messageID).inserted {
                outcomes.append(.duplicate)
                if let unit = try await duplicateReply(for: item, batch: &batch) { batch.units.append(unit) }
                continue
            }
            let now = clock.now()
            let (unit, outcome) = try await unitOfWork(for: item, batch: &batch, now: now)
            batch.unitFor[outcomes.count] = batch.units.count
            batch.units.append(unit)
            outcomes.append(outcome)
        }
        if !batch.units.isEmpty {
            let results = try await store.commit(batch.units)
            // A duplicate the store found (another writer got there first) had no effect.
            // Units for duplicate replies sit between them; `unitFor` maps outcomes to units.
            for (index, unitIndex) in batch.unitFor where results[unitIndex] == .duplicate {
                outcomes[index] = .duplicate
            }
            onCommit()
        }
        return outcomes
    }

    private func unitOfWork(for item: WorkItem, batch: inout Batch, now: Instant) async throws -> (UnitOfWork, WorkOutcome) {
        switch item {
        case .intake(var request, let messageID, let original):
            request = try await IntakeCorrelation.enrich(
                request, store: store, pending: Array(batch.cache.values), policy: engine.policy, now: now)
            // Random ids can collide; an id is only used once nobody has it.
            var id = OrderID.make(kind: request.kind, at: now, calendar: engine.policy.calendar(forSite: request.site))
            while try await batch.order(id) != nil {
                id = OrderID.make(kind: request.kind, at: now, calendar: engine.policy.calendar(forSite: request.site))
            }
            switch engine.open(request, id: id, at: now) {
            case .success(let step):
                var unit = UnitOfWork(messageID: messageID, intakeMessageID: messageID)
                try await add(step, causedBy: messageID, to: &unit, batch: &batch, now: now)
                return (unit, .applied(kind: step.order.kind, state: step.order.stateName))
            case .failure(let rejection):
                return deadLetter(reason: "rejected intake: \(rejection)", messageID: messageID, original: original, now: now)
            }
        case .transition(let message, let messageID, let replyTo, let correlationID, let original):
            guard let order = try await batch.order(message.orderID) else {
                return deadLetter(reason: "unknown order '\(message.orderID)'", messageID: messageID, original: original, now: now)
            }
            let event = OrderEvent(message.event, by: message.actor, fields: message.fields)
            switch engine.handle(event, on: order, at: now) {
            case .success(let step):
                var unit = UnitOfWork(messageID: messageID)
                try await add(step, causedBy: messageID, to: &unit, batch: &batch, now: now)
                if let replyTo {
                    unit.outbox.append(reply(to: replyTo, correlationID: correlationID, order: step.order, event: message.event, rejection: nil, now: now, messageID: messageID))
                }
                return (unit, .applied(kind: step.order.kind, state: step.order.stateName))
            case .failure(let rejection):
                // Recorded and answered; the order does not change.
                var unit = UnitOfWork(messageID: messageID)
                unit.history.append(HistoryRecord(
                    orderID: order.id, at: now, event: "rejected:\(message.event)", actor: "\(message.actor.id) (\(message.actor.role.rawValue))",
                    detail: rejection.description, messageID: messageID, state: order.stateName
                ))
                unit.outbox.append(OutboxMessage(
                    exchange: BrokerTopology.eventsExchange, routingKey: "\(order.kind.rawValue).rejected", messageID: "\(messageID)/rejected",
                    type: "rejection",
                    body: OutboundMessages.body(OutboundMessages.Reply(status: "rejected", order_id: order.id, event: message.event, state: order.stateName, reason: rejection.reason, rule: rejection.rule)),
                    createdAt: now
                ))
                if let replyTo {
                    unit.outbox.append(reply(to: replyTo, correlationID: correlationID, order: order, event: message.event, rejection: rejection, now: now, messageID: messageID))
                }
                logger.info("transition rejected", metadata: ["workorder.id": "\(order.id)", "workorder.event": "\(message.event)", "workorder.reason": "\(rejection)"])
                return (unit, .rejected(rejection.description))
            }
        case .deadLetter(let reason, let messageID, let original):
            return deadLetter(reason: reason, messageID: messageID, original: original, now: now)
        case .timer(let timer):
            let messageID = item.messageID
            guard let order = try await batch.order(timer.id.order) else {
                return (UnitOfWork(messageID: messageID, cancelTimers: [timer.id]), .rejected("timer for unknown order"))
            }
            var unit = UnitOfWork(messageID: messageID, cancelTimers: [timer.id])
            switch engine.timerFired(timer.id, on: order, at: now) {
            case .success(let step):
                try await add(step, causedBy: nil, to: &unit, batch: &batch, now: now)
                return (unit, .applied(kind: step.order.kind, state: step.order.stateName))
            case .failure(let rejection):
                logger.debug("timer ignored", metadata: ["workorder.id": "\(order.id)", "workorder.timer": "\(timer.id)", "workorder.reason": "\(rejection)"])
                return (unit, .rejected(rejection.description))
            }
        }
    }

    private var inTurn = false
    private var waitingForTurn: [CheckedContinuation<Void, Never>] = []

    /// One batch at a time, from reading the orders to committing them.
    private func takeTurn() async {
        guard inTurn else {
            inTurn = true
            return
        }
        await withCheckedContinuation { waitingForTurn.append($0) }
    }

    private func endTurn() {
        if waitingForTurn.isEmpty {
            inTurn = false
        } else {
            waitingForTurn.removeFirst().resume()
        }
    }

    /// Records a step, its effects, and any linked orders it opens (HELP-05, MOV-05, CMP-13).
    private func add(_ step: Step, causedBy messageID: String?, to unit: inout UnitOfWork, batch: inout Batch, now: Instant) async throws {
        var pending = [(step, messageID)]
        while let (current, cause) = pending.popLast() {
            let effects = StepEffects(step: current, causedBy: cause, policy: engine.policy, now: now)
            unit.orders.append(current.order)
            batch.cache[current.order.id] = current.order
            unit.history += effects.history
            unit.armTimers += effects.armTimers
            unit.cancelTimers += effects.cancelTimers
            unit.outbox += effects.outbox
            for (index, (intake, link)) in effects.linkedIntakes.enumerated() {
                let childID = "\(current.order.id)-\(link.relation.rawValue.prefix(1).uppercased())\(index + 1)\(now.millisecondsSinceEpoch % 10000)"
                var childIntake = intake
                childIntake.repeatOf = []
                switch engine.open(childIntake, id: childID, at: now) {
                case .success(var child):
                    child.order.links.append(OrderLink(link.relation, current.order.id))
                    pending.append((child, cause))
                case .failure(let rejection):
                    unit.history.append(HistoryRecord(orderID: current.order.id, at: now, event: "linked_order_failed", actor: "system", detail: rejection.description, messageID: cause, state: current.order.stateName))
                }
            }
        }
    }

    /// A sender that repeats a transition (a `wo task` retry, a worker restarting a task)
    /// still gets an answer: `duplicate`, with the order's current state. Nothing else changes.
    private func duplicateReply(for item: WorkItem, batch: inout Batch) async throws -> UnitOfWork? {
        guard case .transition(let message, let messageID, let replyTo?, let correlationID, _) = item,
              let order = try await batch.order(message.orderID) else { return nil }
        let now = clock.now()
        batch.duplicateReplies += 1
        let key = "duplicate-reply:\(messageID):\(now.millisecondsSinceEpoch):\(batch.duplicateReplies)"
        let body = OutboundMessages.Reply(
            status: "duplicate", order_id: order.id, event: message.event, state: order.stateName,
            reason: "message \(messageID) was already applied; nothing changed", rule: nil)
        return UnitOfWork(messageID: key, outbox: [OutboxMessage(
            exchange: "", routingKey: replyTo, messageID: key, type: "reply", body: OutboundMessages.body(body),
            createdAt: now, correlationID: correlationID)])
    }

    private func reply(to queue: String, correlationID: String?, order: WorkOrder, event: String, rejection: Rejection?, now: Instant, messageID: String) -> OutboxMessage {
        let body = OutboundMessages.Reply(
            status: rejection == nil ? "accepted" : "rejected", order_id: order.id, event: event, state: order.stateName,
            reason: rejection?.reason, rule: rejection?.rule
        )
        return OutboxMessage(exchange: "", routingKey: queue, messageID: "\(messageID)/reply", type: "reply", body: OutboundMessages.body(body), createdAt: now, correlationID: correlationID)
    }

    private func deadLetter(reason: String, messageID: String, original: DeadLetterOriginal, now: Instant) -> (UnitOfWork, WorkOutcome) {
        logger.warning("dead-lettered", metadata: ["amqp.message_id": "\(messageID)", "workorder.reason": "\(reason)"])
        let message = OutboxMessage(
            exchange: BrokerTopology.deadLetterExchange, routingKey: original.routingKey, messageID: messageID, type: "dead_letter",
            body: original.body, createdAt: now,
            headers: ["x-wo-reason": reason, "x-wo-original-exchange": original.exchange, "x-wo-original-routing-key": original.routingKey]
        )
        return (UnitOfWork(messageID: messageID, outbox: [message]), .deadLettered(reason))
    }
}

/// Orders read or changed within one batch: later items see earlier items' changes.
struct Batch {
    let store: any OrderStore
    var units: [UnitOfWork] = []
    var cache: [String: WorkOrder] = [:]
    /// Index of the unit each applied (non-duplicate) item produced, by item index.
    var unitFor: [Int: Int] = [:]
    var duplicateReplies = 0

    init(store: any OrderStore) {
        self.store = store
    }

    mutating func order(_ id: String) async throws -> WorkOrder? {
        if let cached = cache[id] { return cached }
        let loaded = try await store.order(id: id)
        cache[id] = loaded
        return loaded
    }
}
