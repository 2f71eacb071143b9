import Foundation
import GRDB
import WorkOrderCore

extension SQLiteOrderStore {
    public func processedMessageIDs(among ids: [String]) async throws -> Set<String> {
        try await existing(ids, column: "message_id", table: "inbox")
            .union(try await existing(ids, column: "intake_message_id", table: "intake_index"))
    }

    public func existingOrderIDs(among ids: [String]) async throws -> Set<String> {
        try await existing(ids, column: "id", table: "orders")
    }

    /// Which of `ids` the table holds, in one read.
    private func existing(_ ids: [String], column: String, table: String) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await pool.read { db in
            var found = Set<String>()
            // Stay well under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try String.fetchAll(
                    db, sql: "SELECT \(column) FROM \(table) WHERE \(column) IN (\(marks))", arguments: StatementArguments(chunk))
                found.formUnion(rows)
            }
            return found
        }
    }

    public func order(id: String) async throws -> WorkOrder? {
        try await pool.read { db in
            try Self.orders(db, sql: "SELECT id, body FROM orders WHERE id = ?", [id]).first
        }
    }

    public func orders(ids: [String]) async throws -> [String: WorkOrder] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            var found: [String: WorkOrder] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for order in try Self.orders(db, sql: "SELECT id, body FROM orders WHERE id IN (\(marks))", StatementArguments(chunk)) {
                    found[order.id] = order
                }
            }
            return found
        }
    }

    public func orders(site: String, households: [String], openedFrom since: Instant) async throws -> [WorkOrder] {
        guard !households.isEmpty else { return [] }
        return try await pool.read { db in
            var found: [WorkOrder] = []
            for start in stride(from: 0, to: households.count, by: 500) {
                let chunk = Array(households[start..<min(start + 500, households.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                found += try Self.orders(db, sql: """
                    SELECT id, body FROM orders WHERE site = ? AND household IN (\(marks)) AND opened_at_ms >= ? ORDER BY opened_at_ms, id
                    """, StatementArguments([site]) + StatementArguments(chunk) + StatementArguments([since.millisecondsSinceEpoch]))
            }
            return found.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        }
    }

    public func order(intakeMessageID: String) async throws -> WorkOrder? {
        try await pool.read { db in
            try Self.orders(db, sql: """
                SELECT o.id, o.body FROM intake_index i JOIN orders o ON o.id = i.order_id WHERE i.intake_message_id = ?
                """, [intakeMessageID]).first
        }
    }

    public func history(orderID: String) async throws -> [HistoryRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT order_id, at_ms, event, actor, detail, message_id, state, fact FROM history WHERE order_id = ? ORDER BY seq
                """, arguments: [orderID]).map { row in
                HistoryRecord(
                    orderID: row[0], at: Instant(millisecondsSinceEpoch: row[1]), event: row[2], actor: row[3],
                    detail: row[4], messageID: row[5], state: row[6], fact: HistoryRecord.fact(fromJSON: row[7]))
            }
        }
    }

    public func pendingOutbox(after: Int64, before: Int64?, limit: Int) async throws -> [OutboxMessage] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, exchange, routing_key, message_id, type, body, created_ms, correlation_id, headers FROM outbox
                WHERE published_ms IS NULL AND id > ? AND id < ? ORDER BY id LIMIT ?
                """, arguments: [after, before ?? Int64.max, limit]).map { row in
                let body: Data = row[5] ?? Data()
                return OutboxMessage(
                    id: row[0], exchange: row[1], routingKey: row[2], messageID: row[3], type: row[4], body: [UInt8](body),
                    createdAt: Instant(millisecondsSinceEpoch: row[6]), correlationID: row[7],
                    headers: OutboxHeaders.decode(row[8]))
            }
        }
    }

    public func outboxDepth() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE published_ms IS NULL") ?? 0 }
    }

    public func dueTimers(at now: Instant, limit: Int) async throws -> [ArmedTimer] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT order_id, purpose, due_ms FROM timers WHERE due_ms <= ? ORDER BY due_ms, timer_key LIMIT ?
                """, arguments: [now.millisecondsSinceEpoch, limit]).map { row in
                try decodeTimer(order: row[0], purpose: row[1], dueMS: row[2])
            }
        }
    }

    public func nextTimerDue() async throws -> Instant? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT min(due_ms) FROM timers").map { Instant(millisecondsSinceEpoch: $0) }
        }
    }

    public func armedTimerCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM timers") ?? 0 }
    }

    /// Every armed timer of one order, earliest first (for `wo show`).
    public func timers(orderID: String) async throws -> [ArmedTimer] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT order_id, purpose, due_ms FROM timers WHERE order_id = ? ORDER BY due_ms, timer_key",
                             arguments: [orderID]).map { row in
                try decodeTimer(order: row[0], purpose: row[1], dueMS: row[2])
            }
        }
    }

    public func recentOrders(kind: OrderKind, site: String, since: Instant) async throws -> [WorkOrder] {
        try await pool.read { db in
            try Self.orders(db, sql: """
                SELECT id, body FROM orders WHERE kind = ? AND site = ? AND opened_at_ms >= ? ORDER BY opened_at_ms, id
                """, [kind.rawValue, site, since.millisecondsSinceEpoch])
        }
    }

    public func orders(matching filter: OrderFilter) async throws -> [WorkOrder] {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let kind = filter.kind { clauses.append("kind = ?"); arguments += [kind.rawValue] }
        if let state = filter.state { clauses.append("state = ?"); arguments += [state] }
        if let site = filter.site { clauses.append("site = ?"); arguments += [site] }
        if let household = filter.household { clauses.append("household = ?"); arguments += [household] }
        if let from = filter.openedFrom { clauses.append("opened_at_ms >= ?"); arguments += [from.millisecondsSinceEpoch] }
        if let before = filter.openedBefore { clauses.append("opened_at_ms < ?"); arguments += [before.millisecondsSinceEpoch] }
        var sql = "SELECT id, body FROM orders"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY opened_at_ms, id"
        if let limit = filter.limit { sql += " LIMIT ?"; arguments += [limit] }
        let query = sql, args = arguments
        return try await pool.read { db in try Self.orders(db, sql: query, args) }
    }

    private static func orders(_ db: Database, sql: String, _ arguments: StatementArguments) throws -> [WorkOrder] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            try StoredOrder.decode(row[1], id: row[0])
        }
    }
}
