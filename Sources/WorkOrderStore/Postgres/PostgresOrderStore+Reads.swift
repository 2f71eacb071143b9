import PostgresNIO
import WorkOrderCore

extension PostgresOrderStore {
    public func processedMessageIDs(among ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await read("processed message ids") { [logger] client in
            let rows = try await client.query("""
                SELECT message_id FROM inbox WHERE message_id = ANY(\(ids)::text[])
                UNION SELECT intake_message_id FROM intake_index WHERE intake_message_id = ANY(\(ids)::text[])
                """, logger: logger)
            var found = Set<String>()
            for try await (id) in rows.decode(String.self) { found.insert(id) }
            return found
        }
    }

    public func existingOrderIDs(among ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await read("existing order ids") { [logger] client in
            let rows = try await client.query("SELECT id FROM orders WHERE id = ANY(\(ids)::text[])", logger: logger)
            var found = Set<String>()
            for try await (id) in rows.decode(String.self) { found.insert(id) }
            return found
        }
    }

    public func order(id: String) async throws -> WorkOrder? {
        try await orders("SELECT id, body FROM orders WHERE id = \(id)").first
    }

    public func orders(ids: [String]) async throws -> [String: WorkOrder] {
        guard !ids.isEmpty else { return [:] }
        var found: [String: WorkOrder] = [:]
        for order in try await orders("SELECT id, body FROM orders WHERE id = ANY(\(ids)::text[])") { found[order.id] = order }
        return found
    }

    public func orders(site: String, households: [String], openedFrom since: Instant) async throws -> [WorkOrder] {
        guard !households.isEmpty else { return [] }
        return try await orders("""
            SELECT id, body FROM orders WHERE site = \(site) AND household = ANY(\(households)::text[])
            AND opened_at_ms >= \(since.millisecondsSinceEpoch) ORDER BY opened_at_ms, id
            """)
    }

    public func order(intakeMessageID: String) async throws -> WorkOrder? {
        try await orders("""
            SELECT o.id, o.body FROM intake_index i JOIN orders o ON o.id = i.order_id WHERE i.intake_message_id = \(intakeMessageID)
            """).first
    }

    public func history(orderID: String) async throws -> [HistoryRecord] {
        try await read("history") { [logger] client in
            let rows = try await client.query("""
                SELECT order_id, at_ms, event, actor, detail, message_id, state, fact FROM history WHERE order_id = \(orderID) ORDER BY seq
                """, logger: logger)
            var records: [HistoryRecord] = []
            for try await (order, at, event, actor, detail, message, state, fact)
                in rows.decode((String, Int64, String, String, String, String?, String, String?).self)
            {
                records.append(HistoryRecord(
                    orderID: order, at: Instant(millisecondsSinceEpoch: at), event: event, actor: actor, detail: detail,
                    messageID: message, state: state, fact: HistoryRecord.fact(fromJSON: fact)))
            }
            return records
        }
    }

    public func pendingOutbox(after: Int64, before: Int64?, limit: Int) async throws -> [OutboxMessage] {
        let before = before ?? Int64.max
        return try await read("pending outbox") { [logger] client in
            let rows = try await client.query("""
                SELECT id, exchange, routing_key, message_id, type, body, created_ms, correlation_id, headers FROM outbox
                WHERE published_ms IS NULL AND id > \(after) AND id < \(before) ORDER BY id LIMIT \(limit)
                """, logger: logger)
            var messages: [OutboxMessage] = []
            for try await (id, exchange, key, message, type, body, created, correlation, headers)
                in rows.decode((Int64, String, String, String, String, ByteBuffer, Int64, String?, String).self)
            {
                messages.append(OutboxMessage(
                    id: id, exchange: exchange, routingKey: key, messageID: message, type: type,
                    body: Array(body.readableBytesView), createdAt: Instant(millisecondsSinceEpoch: created),
                    correlationID: correlation, headers: OutboxHeaders.decode(headers)))
            }
            return messages
        }
    }

    public func outboxDepth() async throws -> Int {
        try await count("SELECT count(*) FROM outbox WHERE published_ms IS NULL")
    }

    public func dueTimers(at now: Instant, limit: Int) async throws -> [ArmedTimer] {
        try await timers("""
            SELECT order_id, purpose, due_ms FROM timers WHERE due_ms <= \(now.millisecondsSinceEpoch)
            ORDER BY due_ms, timer_key LIMIT \(limit)
            """)
    }

    /// Every armed timer of one order, earliest first (for `wo show`).
    public func timers(orderID: String) async throws -> [ArmedTimer] {
        try await timers("SELECT order_id, purpose, due_ms FROM timers WHERE order_id = \(orderID) ORDER BY due_ms, timer_key")
    }

    public func nextTimerDue() async throws -> Instant? {
        try await read("next timer") { [logger] client in
            let rows = try await client.query("SELECT min(due_ms) FROM timers", logger: logger)
            var due: Int64?
            for try await (value) in rows.decode(Int64?.self) { due = value }
            return due.map { Instant(millisecondsSinceEpoch: $0) }
        }
    }

    public func armedTimerCount() async throws -> Int {
        try await count("SELECT count(*) FROM timers")
    }

    public func recentOrders(kind: OrderKind, site: String, since: Instant) async throws -> [WorkOrder] {
        try await orders("""
            SELECT id, body FROM orders WHERE kind = \(kind.rawValue) AND site = \(site)
            AND opened_at_ms >= \(since.millisecondsSinceEpoch) ORDER BY opened_at_ms, id
            """)
    }

    public func orders(matching filter: OrderFilter) async throws -> [WorkOrder] {
        var binds = PostgresBindings()
        var clauses: [String] = []
        func bind(_ column: String, _ op: String, _ value: some PostgresDynamicTypeEncodable) {
            binds.append(value)
            clauses.append("\(column) \(op) $\(binds.count)")
        }
        if let kind = filter.kind { bind("kind", "=", kind.rawValue) }
        if let state = filter.state { bind("state", "=", state) }
        if let site = filter.site { bind("site", "=", site) }
        if let household = filter.household { bind("household", "=", household) }
        if let from = filter.openedFrom { bind("opened_at_ms", ">=", from.millisecondsSinceEpoch) }
        if let before = filter.openedBefore { bind("opened_at_ms", "<", before.millisecondsSinceEpoch) }
        var sql = "SELECT id, body FROM orders"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY opened_at_ms, id"
        if let limit = filter.limit {
            binds.append(Int64(limit))
            sql += " LIMIT $\(binds.count)"
        }
        return try await orders(PostgresQuery(unsafeSQL: sql, binds: binds))
    }

    // MARK: - Helpers

    private func read<R: Sendable>(_ what: String, _ body: (PostgresClient) async throws -> R) async throws -> R {
        try await withPostgresErrors(what) { try await body(client) }
    }

    func orders(_ query: PostgresQuery) async throws -> [WorkOrder] {
        try await read("read orders") { [logger] client in
            let rows = try await client.query(query, logger: logger)
            var orders: [WorkOrder] = []
            for try await (id, body) in rows.decode((String, String).self) {
                orders.append(try StoredOrder.decode(body, id: id))
            }
            return orders
        }
    }

    private func timers(_ query: PostgresQuery) async throws -> [ArmedTimer] {
        try await read("read timers") { [logger] client in
            let rows = try await client.query(query, logger: logger)
            var timers: [ArmedTimer] = []
            for try await (order, purpose, due) in rows.decode((String, String, Int64).self) {
                timers.append(try decodeTimer(order: order, purpose: purpose, dueMS: due))
            }
            return timers
        }
    }

    private func count(_ query: PostgresQuery) async throws -> Int {
        try await read("count") { [logger] client in
            let rows = try await client.query(query, logger: logger)
            var n: Int64 = 0
            for try await (value) in rows.decode(Int64.self) { n = value }
            return Int(clamping: n)
        }
    }
}
