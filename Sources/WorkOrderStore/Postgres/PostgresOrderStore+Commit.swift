import PostgresNIO
import WorkOrderCore

extension PostgresOrderStore {
    /// One transaction of four round trips whatever the batch's size: BEGIN, the inbox
    /// (which says which units are new), every other table in one statement whose rows
    /// come from arrays (`unnest`), COMMIT. Each round trip through postgres-nio cost
    /// about half a millisecond here, and a commit of a small batch was nine of them
    /// (4 ms at p50, measured at 250 requests/s), most of a request's time in the server.
    public func commit(_ units: [UnitOfWork], markingPublished outboxIDs: [Int64]) async throws -> CommitReceipt {
        guard !units.isEmpty || !outboxIDs.isEmpty else { return CommitReceipt(outcomes: [], outbox: []) }
        let logger = self.logger
        let receipt = try await inTransaction("commit") { c -> CommitReceipt in
            let now = wallClockMS()
            var outcomes: [CommitOutcome] = []
            var batch = Batch()
            if !units.isEmpty {
                let ids = units.map(\.messageID)
                let inserted = try await c.query("""
                    INSERT INTO inbox (message_id, processed_at_ms) SELECT m, \(now) FROM unnest(\(ids)::text[]) AS t(m)
                    ON CONFLICT (message_id) DO NOTHING RETURNING message_id
                    """, logger: logger)
                var fresh = Set<String>()
                for try await (id) in inserted.decode(String.self) { fresh.insert(id) }
                for unit in units {
                    // A message id twice in one batch: the first is applied, the rest are duplicates.
                    guard fresh.remove(unit.messageID) != nil else {
                        outcomes.append(.duplicate)
                        continue
                    }
                    try batch.add(unit)
                    outcomes.append(.applied)
                }
            }
            let written = try await batch.write(c, now: now, markingPublished: outboxIDs, logger: logger)
            return CommitReceipt(outcomes: outcomes, outbox: written)
        }
        logger.debug("store commit", metadata: [
            "store.units": "\(units.count)",
            "store.duplicates": "\(receipt.outcomes.lazy.filter { $0 == .duplicate }.count)",
            "store.marked": "\(outboxIDs.count)",
        ])
        return receipt
    }
}

/// The rows of the applied units, column by column, in unit order.
private struct Batch {
    // orders: the last version of each order in the batch wins, as if upserted one by one.
    var orderIndex: [String: Int] = [:]
    var orders: [StoredOrder] = []
    // history
    var hOrder: [String] = [], hAt: [Int64] = [], hEvent: [String] = [], hActor: [String] = []
    var hDetail: [String] = [], hMessage: [String] = [], hHasMessage: [Bool] = [], hState: [String] = []
    var hFact: [String] = [], hHasFact: [Bool] = []
    // intake_index
    var intakeIDs: [String] = [], intakeOrders: [String] = []
    var timers = TimerChanges()
    // outbox
    var oExchange: [String] = [], oKey: [String] = [], oMessage: [String] = [], oType: [String] = []
    var oBody: [ByteBuffer] = [], oCreated: [Int64] = [], oCorrelation: [String] = [], oHeaders: [String] = []
    /// The outbox rows as given, in insertion order, to be returned with their ids.
    var outbox: [OutboxMessage] = []

    mutating func add(_ unit: UnitOfWork) throws {
        for row in try unit.storedOrders() {
            if let i = orderIndex[row.id] { orders[i] = row } else { orderIndex[row.id] = orders.count; orders.append(row) }
        }
        for h in unit.history {
            hOrder.append(h.orderID); hAt.append(h.at.millisecondsSinceEpoch); hEvent.append(h.event)
            hActor.append(h.actor); hDetail.append(h.detail); hMessage.append(h.messageID ?? "")
            hHasMessage.append(h.messageID != nil); hState.append(h.state)
            let fact = h.factJSON
            hFact.append(fact ?? ""); hHasFact.append(fact != nil)
        }
        if let intake = unit.intakeMessageID, let order = unit.orders.first {
            intakeIDs.append(intake); intakeOrders.append(order.id)
        }
        timers.apply(unit)
        for m in unit.outbox {
            oExchange.append(m.exchange); oKey.append(m.routingKey); oMessage.append(m.messageID); oType.append(m.type)
            oBody.append(ByteBuffer(bytes: m.body)); oCreated.append(m.createdAt.millisecondsSinceEpoch)
            oCorrelation.append(m.correlationID ?? ""); oHeaders.append(OutboxHeaders.encode(m.headers))
            outbox.append(m)
        }
    }

    /// Writes the rows and the publisher's marks in one statement; returns the outbox
    /// rows with the ids they were given. Data-modifying `WITH` parts run on one snapshot
    /// in no set order, which is safe here: each writes its own table, except the two on
    /// `timers` (arms and cancels are different keys, `TimerChanges`) and the two on
    /// `outbox` (new rows, and marks on rows of earlier commits).
    func write(_ c: PostgresConnection, now: Int64, markingPublished marks: [Int64], logger: Logger) async throws -> [OutboxMessage] {
        let ids = orders.map(\.id), kinds = orders.map(\.kind), sites = orders.map(\.site)
        let households = orders.map(\.household), states = orders.map(\.state), opened = orders.map(\.openedAtMS)
        let versions = orders.map(\.policyVersion), bodies = orders.map(\.body)
        let arms = timers.arms
        let armKeys = arms.map(\.key), armOrders = arms.map(\.id.order), armPurposes = arms.map(\.id.purpose.rawValue)
        let armDues = arms.map(\.dueMS)
        let cancels = timers.cancels
        let inserted = try await c.query("""
            WITH upserted_orders AS (
                INSERT INTO orders (id, kind, site, household, state, opened_at_ms, policy_version, updated_at_ms, body)
                SELECT id, kind, site, household, state, opened, pv, \(now), body
                FROM unnest(\(ids)::text[], \(kinds)::text[], \(sites)::text[], \(households)::text[], \(states)::text[],
                            \(opened)::int8[], \(versions)::text[], \(bodies)::text[])
                     AS t(id, kind, site, household, state, opened, pv, body)
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, site = EXCLUDED.site, household = EXCLUDED.household,
                    state = EXCLUDED.state, opened_at_ms = EXCLUDED.opened_at_ms, policy_version = EXCLUDED.policy_version,
                    updated_at_ms = EXCLUDED.updated_at_ms, body = EXCLUDED.body
            ), appended_history AS (
                INSERT INTO history (order_id, at_ms, event, actor, detail, message_id, state, fact)
                SELECT o, a, e, ac, d, CASE WHEN hm THEN m END, s, CASE WHEN hf THEN f END
                FROM unnest(\(hOrder)::text[], \(hAt)::int8[], \(hEvent)::text[], \(hActor)::text[], \(hDetail)::text[],
                            \(hMessage)::text[], \(hHasMessage)::bool[], \(hState)::text[], \(hFact)::text[], \(hHasFact)::bool[])
                     WITH ORDINALITY AS t(o, a, e, ac, d, m, hm, s, f, hf, n)
                ORDER BY n
            ), indexed_intakes AS (
                INSERT INTO intake_index (intake_message_id, order_id)
                SELECT * FROM unnest(\(intakeIDs)::text[], \(intakeOrders)::text[])
            ), armed_timers AS (
                INSERT INTO timers (timer_key, order_id, purpose, due_ms)
                SELECT * FROM unnest(\(armKeys)::text[], \(armOrders)::text[], \(armPurposes)::text[], \(armDues)::int8[])
                ON CONFLICT (timer_key) DO UPDATE SET due_ms = EXCLUDED.due_ms
            ), cancelled_timers AS (
                DELETE FROM timers WHERE timer_key = ANY(\(cancels)::text[])
            ), marked AS (
                UPDATE outbox SET published_ms = \(now) WHERE id = ANY(\(marks)::int8[]) AND published_ms IS NULL
            ), new_outbox AS (
                INSERT INTO outbox (exchange, routing_key, message_id, type, body, created_ms, correlation_id, headers)
                SELECT x, k, m, ty, b, cr, NULLIF(co, ''), hd
                FROM unnest(\(oExchange)::text[], \(oKey)::text[], \(oMessage)::text[], \(oType)::text[],
                            \(oBody)::bytea[], \(oCreated)::int8[], \(oCorrelation)::text[], \(oHeaders)::text[])
                     WITH ORDINALITY AS t(x, k, m, ty, b, cr, co, hd, n)
                ORDER BY n
                RETURNING id
            )
            SELECT id FROM new_outbox
            """, logger: logger)
        // The sequence numbers the rows in the order they are inserted (ORDER BY n), and
        // one server writes a store at a time, so the ids in ascending order are the
        // rows' in the order given.
        var outboxIDs: [Int64] = []
        outboxIDs.reserveCapacity(outbox.count)
        for try await id in inserted.decode(Int64.self) { outboxIDs.append(id) }
        outboxIDs.sort()
        guard outboxIDs.count == outbox.count else {
            throw StoreError.corrupt("outbox insert returned \(outboxIDs.count) ids for \(outbox.count) rows")
        }
        var written = outbox
        for index in written.indices { written[index].id = outboxIDs[index] }
        return written
    }
}
