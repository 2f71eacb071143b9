import Logging
import Synchronization
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore
import WorkOrderTopology

/// Applies a batch of work items to orders through the engine and commits it in one
/// transaction (group commit). Batches must be applied one at a time — a timer batch
/// reading an order that a transition batch is about to change would write the stale
/// copy back (seen once: on_site undone by an on_site_overdue timer) — and `WriterLoop`
/// is the one place that calls it in the server, strictly in arrival order.
struct OrderWriter: Sendable {
    let store: any OrderStore
    /// New orders open under the current policy; an existing order follows its own version.
    let engines: PolicyEngines
    let clock: WorkClock
    let logger: Logger
    let onCommit: @Sendable () -> Void
    /// Where committed outbox rows go to the publisher, and confirmed ids come back to
    /// ride on the next commit. Nil: the publisher reads the store (tests without one).
    let outbox: OutboxHandoff?
    /// Who may act as whom (`access.yaml`), and how strictly that is checked.
    let senders: SenderPolicy
    let senderCheck: SenderPolicy.Mode
    /// Versions met without an engine, each warned about once.
    let unknownVersionsWarned = WarnedVersions()

    init(
        store: any OrderStore, engines: PolicyEngines, clock: WorkClock, logger: Logger,
        senders: SenderPolicy = SenderPolicy(), senderCheck: SenderPolicy.Mode = .development, outbox: OutboxHandoff? = nil,
        onCommit: @escaping @Sendable () -> Void
    ) {
        self.outbox = outbox
        self.store = store
        self.senders = senders
        self.senderCheck = senderCheck
        self.engines = engines
        self.clock = clock
        self.logger = logger
        self.onCommit = onCommit
    }

    /// Applies and commits; returns one outcome per item. Throws only when the store
    /// fails, in which case nothing of the batch is committed.
    func apply(_ items: [WorkItem]) async throws -> [WorkOutcome] {
        try await commit(prepare(items))
    }

    /// Reads what the items need and runs them through the engines: everything short of
    /// the commit. Only reads the store, so `WriterLoop` may run it while the batch before
    /// commits, and prepare again if the two turn out to share an order.
    func prepare(_ items: [WorkItem]) async throws -> PreparedBatch {
        let already = try await store.processedMessageIDs(among: items.map(\.messageID))
        var batch = Batch(store: store)
        let fresh = items.filter { !already.contains($0.messageID) }
        try await batch.drawOrderIDs(for: fresh, policy: engines.current.policy, now: clock.now())
        try await batch.preload(for: fresh, policy: engines.current.policy, now: clock.now())
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
        // Encoded here, beside the commit before, not in the commit (one at a time).
        for index in batch.units.indices { try batch.units[index].encodeOrders() }
        return PreparedBatch(
            units: batch.units, outcomes: outcomes, unitFor: batch.unitFor, committedLog: batch.committedLog,
            footprint: batch.footprint)
    }

    /// Commits a prepared batch in one transaction, with the publisher's marks riding on
    /// it, and hands the committed outbox rows to the publisher.
    func commit(_ prepared: PreparedBatch) async throws -> [WorkOutcome] {
        var outcomes = prepared.outcomes
        guard !prepared.units.isEmpty else { return outcomes }
        let marks = outbox?.takeMarks() ?? []
        let receipt: CommitReceipt
        do {
            receipt = try await store.commit(prepared.units, markingPublished: marks)
        } catch {
            outbox?.returnMarks(marks)
            throw error
        }
        outbox?.committed(receipt.outbox)
        let results = receipt.outcomes
        // A duplicate the store found (another writer got there first) had no effect.
        // Units for duplicate replies sit between them; `unitFor` maps outcomes to units.
        for (index, unitIndex) in prepared.unitFor where results[unitIndex] == .duplicate {
            outcomes[index] = .duplicate
        }
        // Said only once it is true: after the commit.
        for (message, metadata) in prepared.committedLog { logger.info("\(message)", metadata: metadata) }
        onCommit()
        return outcomes
    }

    private func unitOfWork(for item: WorkItem, batch: inout Batch, now: Instant) async throws -> (UnitOfWork, WorkOutcome) {
        switch item {
        case .intake(var request, let messageID, let original):
            let engine = engines.current
            let correlated = try await IntakeCorrelation.enrich(
                request, store: store, pending: batch.pending(of: request), household: batch.householdsSince.flatMap { since in batch.households[HouseholdKey(request)].map { ($0, since) } },
                policy: engine.policy, now: now)
            request = correlated.request
            let id = try await batch.newOrderID(
                for: messageID, kind: request.kind, at: now, calendar: engine.policy.calendar(forSite: request.site))
            switch engine.open(request, id: id, at: now) {
            case .success(let step):
                var unit = UnitOfWork(messageID: messageID, intakeMessageID: messageID)
                do {
                    try await add(step, by: engine, causedBy: messageID, to: &unit, batch: &batch, now: now)
                } catch let refused as LinkedOrderRefused {
                    return deadLetter(reason: "rejected intake: \(refused.rejection)", messageID: messageID, original: original, now: now)
                }
                // CMP-02: this complaint made its event collective: every household's open
                // complaint of the event is bound to it, in the same unit of work.
                for member in correlated.collectiveMembers {
                    let current = try await batch.order(member.id) ?? member
                    let memberEngine = policyEngine(for: current)
                    let binding = OrderEvent(CollectiveBinding.eventName, by: .system, fields: [
                        "collective": .string(step.order.id), "households": request.fields["households"] ?? 1,
                    ])
                    switch memberEngine.handle(binding, on: current, at: now) {
                    case .success(let bound):
                        try await add(bound, by: memberEngine, causedBy: messageID, to: &unit, batch: &batch, now: now)
                    case .failure(let rejection):
                        logger.info("complaint not bound to the collective", metadata: [
                            "workorder.id": "\(current.id)", "workorder.collective": "\(step.order.id)", "workorder.reason": "\(rejection)",
                        ])
                    }
                }
                batch.committedLog.append(("order opened", [
                    "workorder.id": "\(step.order.id)", "workorder.kind": "\(step.order.kind.rawValue)", "workorder.state": "\(step.order.stateName)",
                    "workorder.site": "\(step.order.site)",
                ]))
                return (unit, .applied(kind: step.order.kind, state: step.order.stateName))
            case .failure(let rejection):
                return deadLetter(reason: "rejected intake: \(rejection)", messageID: messageID, original: original, now: now)
            }
        case .transition(let message, let messageID, let replyTo, let correlationID, let original, let sender):
            guard let order = try await batch.order(message.orderID) else {
                return deadLetter(reason: "unknown order '\(message.orderID)'", messageID: messageID, original: original, now: now)
            }
            if let refusal = try await senderRefusal(sender, message, on: order) {
                return refused(message, on: order, refusal, messageID: messageID, replyTo: replyTo, correlationID: correlationID, now: now)
            }
            let event = OrderEvent(message.event, by: message.actor, fields: message.fields)
            let engine = policyEngine(for: order)
            let rejection: Rejection
            switch engine.handle(event, on: order, at: now) {
            case .success(let step):
                var unit = UnitOfWork(messageID: messageID)
                do {
                    try await add(step, by: engine, causedBy: messageID, to: &unit, batch: &batch, now: now)
                    if let replyTo {
                        unit.outbox.append(reply(to: replyTo, correlationID: correlationID, order: step.order, event: message.event, rejection: nil, now: now, messageID: messageID))
                    }
                    batch.committedLog.append(("order moved", [
                        "workorder.id": "\(order.id)", "workorder.event": "\(message.event)", "workorder.actor": "\(message.actor.id)",
                        "workorder.from": "\(order.stateName)", "workorder.state": "\(step.order.stateName)",
                    ]))
                    return (unit, .applied(kind: step.order.kind, state: step.order.stateName))
                } catch let refused as LinkedOrderRefused {
                    // The step stands or falls with the orders it opens.
                    rejection = refused.rejection
                }
            case .failure(let refused):
                rejection = refused
            }
            return refused(message, on: order, rejection, messageID: messageID, replyTo: replyTo, correlationID: correlationID, now: now)
        case .deadLetter(let reason, let messageID, let original):
            return deadLetter(reason: reason, messageID: messageID, original: original, now: now)
        case .timer(let timer):
            let messageID = item.messageID
            guard let order = try await batch.order(timer.id.order) else {
                return (UnitOfWork(messageID: messageID, cancelTimers: [timer.id]), .rejected("timer for unknown order"))
            }
            var unit = UnitOfWork(messageID: messageID, cancelTimers: [timer.id])
            let engine = policyEngine(for: order)
            switch engine.timerFired(timer.id, on: order, at: now) {
            case .success(let step):
                do {
                    try await add(step, by: engine, causedBy: nil, to: &unit, batch: &batch, now: now)
                    // A step that arms the timer that just fired again (an escalation that
                    // climbs on) keeps it: the store applies a unit's cancels after its arms.
                    if unit.armTimers.contains(where: { $0.id == timer.id }) {
                        unit.cancelTimers.removeAll { $0 == timer.id }
                    }
                } catch let refused as LinkedOrderRefused {
                    logger.error("timer step refused: a linked order cannot open", metadata: ["workorder.id": "\(order.id)", "workorder.reason": "\(refused.rejection)"])
                    return (UnitOfWork(messageID: messageID, cancelTimers: [timer.id]), .rejected(refused.rejection.description))
                }
                return (unit, .applied(kind: step.order.kind, state: step.order.stateName))
            case .failure(let rejection):
                logger.debug("timer ignored", metadata: ["workorder.id": "\(order.id)", "workorder.timer": "\(timer.id)", "workorder.reason": "\(rejection)"])
                return (unit, .rejected(rejection.description))
            }
        }
    }
}

/// The policy versions already warned about (shared by the writer's copies).
final class WarnedVersions: Sendable {
    private let versions = Mutex<Set<String>>([])

    /// True the first time `version` is seen.
    func firstTime(_ version: String) -> Bool { versions.withLock { $0.insert(version).inserted } }
}

/// A batch run through the engines and not yet committed.
struct PreparedBatch: Sendable {
    var units: [UnitOfWork]
    var outcomes: [WorkOutcome]
    /// Index of the unit each applied (non-duplicate) item produced, by item index.
    var unitFor: [Int: Int]
    var committedLog: [(String, Logger.Metadata)]
    /// Every order id the batch read, changed or looked for and did not find. Two
    /// batches with disjoint footprints give the same result in either order.
    var footprint: Set<String>
}

/// Orders read or changed within one batch: later items see earlier items' changes.
struct Batch {
    let store: any OrderStore
    var units: [UnitOfWork] = []
    /// The batch's copy of every order it read or changed; change it through `remember`,
    /// which keeps the index below.
    private(set) var cache: [String: WorkOrder] = [:]
    /// Ids in `cache` by household, and of complaints by site (IN-04, CMP-02 correlation).
    private var idsByHousehold: [HouseholdKey: [String]] = [:]
    private var complaintIDsBySite: [String: [String]] = [:]
    /// Ids drawn for this batch's intakes and found free in the store, by message id.
    var freeOrderIDs: [String: String] = [:]
    /// Index of the unit each applied (non-duplicate) item produced, by item index.
    var unitFor: [Int: Int] = [:]
    var duplicateReplies = 0
    /// What the server says in its log once the batch is committed (orders opened, moved).
    var committedLog: [(String, Logger.Metadata)] = []

    init(store: any OrderStore) {
        self.store = store
    }

    /// What the batch depends on and changes (`PreparedBatch.footprint`): every order id
    /// read, changed or found absent; the household of each of those orders, and the
    /// site of each complaint; and the households and sites whose recent orders the
    /// intakes looked at (IN-04, CMP-02). The marks cannot be order ids (those have no
    /// control characters).
    var footprint: Set<String> {
        var marks = Set(cache.keys).union(absent)
        for order in cache.values {
            marks.insert(Self.householdMark(site: order.site, household: order.household.description))
            if order.kind == .complaint { marks.insert(Self.complaintsMark(site: order.site)) }
        }
        return marks.union(lookedAt)
    }

    /// Households and sites whose recent orders the batch's intakes looked at.
    private(set) var lookedAt: Set<String> = []

    static func householdMark(site: String, household: String) -> String { "\u{1}h\(site)\u{1}\(household)" }
    static func complaintsMark(site: String) -> String { "\u{1}c\(site)" }

    /// Ids read and found to have no order (a transition for an unknown order).
    var absent: Set<String> = []
    /// The store's recent orders of each household the batch's intakes come from (IN-04).
    var households: [HouseholdKey: [WorkOrder]] = [:]
    /// Where `households` starts: every order opened since then is in it.
    var householdsSince: Instant?

    mutating func order(_ id: String) async throws -> WorkOrder? {
        if let cached = cache[id] { return cached }
        if absent.contains(id) { return nil }
        let loaded = try await store.order(id: id)
        if let loaded { remember(loaded) } else { absent.insert(id) }
        return loaded
    }

    /// The batch's copy of `order` (kind, site and household never change, so the index holds).
    mutating func remember(_ order: WorkOrder) {
        if cache.updateValue(order, forKey: order.id) == nil {
            idsByHousehold[HouseholdKey(site: order.site, household: order.household.description), default: []].append(order.id)
            if order.kind == .complaint { complaintIDsBySite[order.site, default: []].append(order.id) }
        }
    }

    /// The batch's orders an intake's correlation looks at: its household's, and its site's complaints.
    func pending(of request: IntakeRequest) -> (household: [WorkOrder], siteComplaints: [WorkOrder]) {
        let household = (idsByHousehold[HouseholdKey(request)] ?? []).compactMap { cache[$0] }
        let complaints = request.kind == .complaint ? (complaintIDsBySite[request.site] ?? []).compactMap { cache[$0] } : []
        return (household, complaints)
    }

    /// Reads what the items will need with one query per table instead of one per item:
    /// the orders transitions and timers act on, and the recent orders of the intakes'
    /// households (from the earliest window start among them; each intake then keeps
    /// its own window). Orders opened later in the batch are in `cache`, as before.
    mutating func preload(for items: [WorkItem], policy: PolicySet, now: Instant) async throws {
        var ids: [String] = []
        var households: [String: Set<String>] = [:]
        var since: Instant?
        for item in items {
            switch item {
            case .transition(let message, _, _, _, _, _): ids.append(message.orderID)
            case .timer(let timer): ids.append(timer.id.order)
            case .intake(let request, _, _):
                households[request.site, default: []].insert(request.household.description)
                lookedAt.insert(Self.householdMark(site: request.site, household: request.household.description))
                if request.kind == .complaint { lookedAt.insert(Self.complaintsMark(site: request.site)) }
                let start = IntakeCorrelation.windowStart(for: request, policy: policy, now: now)
                since = min(since ?? start, start)
            case .deadLetter: break
            }
        }
        let wanted = Array(Set(ids).filter { cache[$0] == nil })
        if !wanted.isEmpty {
            let found = try await store.orders(ids: wanted)
            for id in wanted {
                if let order = found[id] { remember(order) } else { absent.insert(id) }
            }
        }
        guard let since else { return }
        householdsSince = since
        for (site, members) in households {
            for order in try await store.orders(site: site, households: Array(members), openedFrom: since) {
                self.households[HouseholdKey(site: order.site, household: order.household.description), default: []].append(order)
            }
            for household in members { self.households[HouseholdKey(site: site, household: household), default: []] += [] }
        }
    }
}

/// One household of one site.
struct HouseholdKey: Hashable {
    var site: String
    var household: String

    init(site: String, household: String) {
        self.site = site
        self.household = household
    }

    init(_ request: IntakeRequest) {
        self.init(site: request.site, household: request.household.description)
    }
}
