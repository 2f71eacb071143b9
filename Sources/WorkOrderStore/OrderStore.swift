import Foundation
import WorkOrderCore

/// Where orders, their history, armed timers, the inbox of processed message ids and
/// the outbox live. SQLite (GRDB) by default, PostgreSQL for larger sites.
///
/// One `wo serve` process writes to a store; readers (`wo list`, `wo show`) may run
/// beside it. Every write goes through `commit`, which applies many units of work in
/// one transaction (group commit): either all of them are durable or none is.
public protocol OrderStore: Sendable {
    /// Creates or migrates the schema. Refuses a store whose schema is newer than this
    /// program knows (`StoreError.schemaTooNew`).
    func migrate() async throws

    /// Applies the units in order, in one transaction, and in the same transaction marks
    /// the outbox rows `markingPublished` as confirmed (the publisher's marks ride on the
    /// writer's next commit instead of a transaction of their own). A unit whose
    /// `messageID` is already in the inbox is skipped entirely (its outcome is
    /// `.duplicate`). The receipt lists the outbox rows written, with their ids, so the
    /// publisher can send them without reading them back.
    func commit(_ units: [UnitOfWork], markingPublished outboxIDs: [Int64]) async throws -> CommitReceipt

    /// Which of these message ids were already processed: recorded in the inbox, or an
    /// intake that opened an order (kept after retention forgot its inbox key, so an
    /// intake re-sent months later is still a duplicate, never a second order).
    func processedMessageIDs(among ids: [String]) async throws -> Set<String>

    /// Counts one more delivery of a message whose effect is not committed yet (the
    /// server applies a redelivered message only after counting it) and returns the
    /// count, this one included. Committed at once, on its own.
    func recordDeliveryAttempt(key: String) async throws -> Int

    /// Which of these order ids are taken (the writer checks a batch's new ids at once).
    func existingOrderIDs(among ids: [String]) async throws -> Set<String>

    func order(id: String) async throws -> WorkOrder?
    /// These orders by id, in one read; ids without an order are absent (the writer
    /// reads a batch's orders at once).
    func orders(ids: [String]) async throws -> [String: WorkOrder]
    /// The orders of `site` for any of `households` opened at or after `since`, oldest
    /// first, in one read: IN-04's look-up for a whole batch of intakes.
    func orders(site: String, households: [String], openedFrom since: Instant) async throws -> [WorkOrder]
    /// The order opened by the intake message with this AMQP message id.
    func order(intakeMessageID: String) async throws -> WorkOrder?
    /// An order's history, oldest first.
    func history(orderID: String) async throws -> [HistoryRecord]

    /// Outbox rows not yet confirmed by the broker with ids between `after` and `before`
    /// (both exclusive; nil: no upper bound), oldest first.
    func pendingOutbox(after: Int64, before: Int64?, limit: Int) async throws -> [OutboxMessage]
    func outboxDepth() async throws -> Int
    /// Claims the store for one `wo serve`: a second server on the same store would race
    /// the first for orders, so it is refused with `StoreError.inUse`. Held until released
    /// (or the process ends).
    func claimForServer() async throws -> any ServerClaim
    /// Retention: forgets inbox keys processed before `processedBefore` (and delivery
    /// counts last touched before it) and deletes
    /// published outbox rows of `outboxTypes` published before `publishedBefore`
    /// (wall-clock ms). Pending rows are never touched.
    func prune(processedBefore: Int64, publishedBefore: Int64, outboxTypes: [String]) async throws -> PruneResult

    /// Armed timers due at or before `now`, earliest first.
    func dueTimers(at now: Instant, limit: Int) async throws -> [ArmedTimer]
    /// The earliest armed timer, to know how long to sleep.
    func nextTimerDue() async throws -> Instant?
    func armedTimerCount() async throws -> Int

    /// Orders of `kind` at `site` opened at or after `since`, for collective-complaint
    /// (CMP-02) and repeated-report (IN-04) detection.
    func recentOrders(kind: OrderKind, site: String, since: Instant) async throws -> [WorkOrder]

    /// All orders matching the filter, for the supervisor commands.
    func orders(matching filter: OrderFilter) async throws -> [WorkOrder]

    // Reads for the supervisor commands (`wo list`, `wo show`, `wo overdue`, `wo stats`,
    // `wo report`): one query per table for any number of orders.

    /// Every armed timer of one order, earliest first.
    func timers(orderID: String) async throws -> [ArmedTimer]
    /// The armed timers of these orders, earliest first.
    func timers(orderIDs: [String]) async throws -> [ArmedTimer]
    /// The histories of these orders, each oldest first; orders without history are absent.
    func histories(orderIDs: [String]) async throws -> [String: [HistoryRecord]]
    /// Outbox rows of these `types` (e.g. `escalation`, `dispatch`) written for these
    /// orders, oldest first. Published rows are kept, so this is the order's whole record.
    func outboxMessages(ofTypes types: [String], orderIDs: [String]) async throws -> [OutboxMessage]

    // Policy versions (schema 3): the files of every version a server ran with, so orders
    // opened under an older version keep its rules after the policy changes.

    /// Records a version's files (path relative to the policy folder → text) unless the
    /// version is already recorded, whose first texts then stay. True when recorded now.
    func recordPolicyVersion(_ version: String, files: [String: String]) async throws -> Bool
    /// A recorded version, or nil.
    func policyVersion(_ version: String) async throws -> StoredPolicyVersion?
    /// The policy versions of the orders that have not finished.
    func policyVersionsOfOpenOrders() async throws -> Set<String>

    /// `--time-scale`: the clock the running server judges time by, so that the read
    /// commands judge "now" the same way. Nil clears it (the server stopped).
    func recordServerClock(_ clock: ServerClockRecord?) async throws
    func serverClock() async throws -> ServerClockRecord?

    // Owners' data at rest (IN-05, schema 7).

    /// Finished orders (their state among `finalStates[kind]`) whose last history row is
    /// from before `updatedBefore` (the server's clock) and whose owner's name and phone
    /// the store still holds.
    func ordersToRedact(finalStates: [OrderKind: [String]], updatedBefore: Instant, limit: Int) async throws -> [WorkOrder]
    /// Replaces the owner's name and phone by their masks (`OwnerRedaction`) in the order,
    /// its history and its outbox rows, and marks it redacted, in one transaction. False
    /// when there is no such order.
    @discardableResult
    func redactOwner(orderID: String, at: Instant) async throws -> Bool

    func close() async throws
}

/// A running server's clock: `scale` times faster than the wall clock from the moment
/// `wallOriginMs`, when it read `scaledOriginMs`.
public struct ServerClockRecord: Hashable, Sendable {
    public var wallOriginMs: Int64
    public var scaledOriginMs: Int64
    public var scale: Double

    public init(wallOriginMs: Int64, scaledOriginMs: Int64, scale: Double) {
        self.wallOriginMs = wallOriginMs
        self.scaledOriginMs = scaledOriginMs
        self.scale = scale
    }

    /// The server's time when the wall clock reads `wallMs`.
    public func now(atWallMs wallMs: Int64) -> Instant {
        let scaled = (Double(wallMs) - Double(wallOriginMs)) * scale
        // A stale or odd record never traps: the result is clamped to Int64's range.
        let offset = scaled.isFinite ? Int64(exactly: min(max(scaled, -9e18), 9e18).rounded()) ?? 0 : 0
        return Instant(millisecondsSinceEpoch: scaledOriginMs.addingReportingOverflow(offset).partialValue)
    }
}

/// Everything one incoming message (or one fired timer) causes, committed atomically.
public struct UnitOfWork: Sendable {
    /// The inbox key: the AMQP message id, or `timer:<order>/<purpose>@<due>` for timers.
    public var messageID: String
    /// New or changed orders (upserted by id).
    public var orders: [WorkOrder] { didSet { encodedOrders = nil } }
    /// The orders' stored bodies, when `encodeOrders()` made them before the commit;
    /// cleared by any change to `orders`, so a stale body is never written.
    private var encodedOrders: [String]?
    public var history: [HistoryRecord]
    /// Links an intake message id to the order it opened.
    public var intakeMessageID: String?
    public var armTimers: [ArmedTimer]
    public var cancelTimers: [TimerID]
    public var outbox: [OutboxMessage]

    public init(
        messageID: String, orders: [WorkOrder] = [], history: [HistoryRecord] = [], intakeMessageID: String? = nil,
        armTimers: [ArmedTimer] = [], cancelTimers: [TimerID] = [], outbox: [OutboxMessage] = []
    ) {
        self.messageID = messageID
        self.orders = orders
        self.history = history
        self.intakeMessageID = intakeMessageID
        self.armTimers = armTimers
        self.cancelTimers = cancelTimers
        self.outbox = outbox
    }

    /// Encodes the orders' bodies now rather than in the commit: commits run one at a
    /// time, while `OrderWriter` prepares a batch beside the commit before it, so the
    /// encoding (the largest part of a commit's own work, by `perf`) leaves the serial path.
    public mutating func encodeOrders() throws {
        encodedOrders = try orders.map(StoredOrder.encode)
    }

    /// The rows to upsert, from the bodies encoded ahead when there are any.
    func storedOrders() throws -> [StoredOrder] {
        guard let bodies = encodedOrders, bodies.count == orders.count else {
            return try orders.map { try StoredOrder($0) }
        }
        return zip(orders, bodies).map { StoredOrder($0, body: $1) }
    }
}

public enum CommitOutcome: Hashable, Sendable {
    case applied
    case duplicate
}

/// What one commit did: an outcome per unit, and the outbox rows it wrote (ids set),
/// oldest first.
public struct CommitReceipt: Sendable {
    public var outcomes: [CommitOutcome]
    public var outbox: [OutboxMessage]

    public init(outcomes: [CommitOutcome], outbox: [OutboxMessage]) {
        self.outcomes = outcomes
        self.outbox = outbox
    }
}

extension OrderStore {
    /// Outbox rows not yet confirmed by the broker, oldest first.
    public func pendingOutbox(limit: Int) async throws -> [OutboxMessage] {
        try await pendingOutbox(after: 0, before: nil, limit: limit)
    }

    /// The broker confirmed these rows: a commit of marks alone.
    public func markPublished(outboxIDs: [Int64]) async throws {
        guard !outboxIDs.isEmpty else { return }
        _ = try await commit([], markingPublished: outboxIDs)
    }

    /// Applies the units in order, in one transaction (see `commit(_:markingPublished:)`).
    @discardableResult
    public func commit(_ units: [UnitOfWork]) async throws -> [CommitOutcome] {
        try await commit(units, markingPublished: []).outcomes
    }
}

/// One line of an order's append-only history: who, what, when, from which message.
public struct HistoryRecord: Hashable, Codable, Sendable {
    public var orderID: String
    public var at: Instant
    public var event: String
    public var actor: String
    public var detail: String
    /// The AMQP message id that caused it (nil for timers).
    public var messageID: String?
    /// State after the event.
    public var state: String
    /// What the row records, as data (rows written before schema 5 have none).
    public var fact: HistoryFact?

    public init(
        orderID: String, at: Instant, event: String, actor: String, detail: String, messageID: String?, state: String, fact: HistoryFact? = nil
    ) {
        self.orderID = orderID
        self.at = at
        self.event = event
        self.actor = actor
        self.detail = detail
        self.messageID = messageID
        self.state = state
        self.fact = fact
    }

    /// A row carrying `fact`, its sentence rendered from it.
    public init(orderID: String, at: Instant, event: String, actor: String, fact: HistoryFact, messageID: String?, state: String) {
        self.init(orderID: orderID, at: at, event: event, actor: actor, detail: fact.text, messageID: messageID, state: state, fact: fact)
    }

    /// The fact as stored (JSON), or nil.
    public var factJSON: String? {
        guard let fact else { return nil }
        // Written in every commit: the project's own encoder (Foundation's was 2.6% of
        // `wo bench engine`'s samples); read back by the compact decoder.
        if let bytes = try? CompactJSONEncoder.encode(fact, sortedKeys: true) { return String(decoding: bytes, as: UTF8.self) }
        guard let data = try? HistoryRecord.factEncoder.encode(fact) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// A stored fact; one this program cannot read (written by a newer one) is left out.
    public static func fact(fromJSON text: String?) -> HistoryFact? {
        guard let text else { return nil }
        return try? StoredJSON.decode(HistoryFact.self, from: text)
    }

    static let factEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}

/// A durable timer: arming the same id again moves it; firing deletes it.
public struct ArmedTimer: Hashable, Codable, Sendable {
    public var id: TimerID
    public var due: Instant

    public init(id: TimerID, due: Instant) {
        self.id = id
        self.due = due
    }
}

/// A message waiting to be published with confirms. `id` is assigned by the store.
public struct OutboxMessage: Hashable, Sendable {
    public var id: Int64
    public var exchange: String
    public var routingKey: String
    /// Kept across retries so receivers can deduplicate.
    public var messageID: String
    public var type: String
    public var body: [UInt8]
    public var createdAt: Instant
    /// For replies: the requester's correlation id (AMQP property).
    public var correlationID: String?
    /// AMQP headers, e.g. `x-wo-reason` on dead letters. Stored as JSON text.
    public var headers: [String: String]

    public init(
        id: Int64 = 0, exchange: String, routingKey: String, messageID: String, type: String, body: [UInt8],
        createdAt: Instant, correlationID: String? = nil, headers: [String: String] = [:]
    ) {
        self.id = id
        self.exchange = exchange
        self.routingKey = routingKey
        self.messageID = messageID
        self.type = type
        self.body = body
        self.createdAt = createdAt
        self.correlationID = correlationID
        self.headers = headers
    }
}

/// A store claimed by one server (see `OrderStore.claimForServer`).
public protocol ServerClaim: Sendable {
    func release() async
}

/// What `prune` removed.
public struct PruneResult: Hashable, Sendable {
    public var inboxKeys: Int
    public var outboxRows: Int

    public init(inboxKeys: Int, outboxRows: Int) {
        self.inboxKeys = inboxKeys
        self.outboxRows = outboxRows
    }
}
