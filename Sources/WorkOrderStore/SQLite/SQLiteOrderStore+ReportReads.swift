import Foundation
import GRDB
import WorkOrderCore

// Reads for the supervisor commands; chunked to stay under SQLite's bound-parameter limit.
extension SQLiteOrderStore {
    public func timers(orderIDs: [String]) async throws -> [ArmedTimer] {
        var timers: [ArmedTimer] = []
        for chunk in Self.chunks(orderIDs) {
            timers += try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT order_id, purpose, due_ms FROM timers WHERE order_id IN (\(Self.marks(chunk.count)))
                    """, arguments: StatementArguments(chunk)).map { row in
                    try decodeTimer(order: row[0], purpose: row[1], dueMS: row[2])
                }
            }
        }
        return timers.sorted { ($0.due, $0.id.description) < ($1.due, $1.id.description) }
    }

    public func histories(orderIDs: [String]) async throws -> [String: [HistoryRecord]] {
        var result: [String: [HistoryRecord]] = [:]
        for chunk in Self.chunks(orderIDs) {
            let rows = try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT order_id, at_ms, event, actor, detail, message_id, state, fact FROM history
                    WHERE order_id IN (\(Self.marks(chunk.count))) ORDER BY seq
                    """, arguments: StatementArguments(chunk)).map { row in
                    HistoryRecord(
                        orderID: row[0], at: Instant(millisecondsSinceEpoch: row[1]), event: row[2], actor: row[3],
                        detail: row[4], messageID: row[5], state: row[6], fact: HistoryRecord.fact(fromJSON: row[7]))
                }
            }
            for record in rows { result[record.orderID, default: []].append(record) }
        }
        return result
    }

    public func outboxMessages(ofTypes types: [String], orderIDs: [String]) async throws -> [OutboxMessage] {
        guard !types.isEmpty, !orderIDs.isEmpty else { return [] }
        var sql = """
            SELECT id, exchange, routing_key, message_id, type, body, created_ms, correlation_id, headers FROM outbox
            WHERE type IN (\(Self.marks(types.count)))
            """
        var arguments = StatementArguments(types)
        if orderIDs.count <= outboxPatternLimit {
            sql += " AND (" + Array(repeating: "message_id LIKE ?", count: orderIDs.count).joined(separator: " OR ") + ")"
            arguments += StatementArguments(orderIDs.map(outboxPattern(forOrder:)))
        }
        let query = sql + " ORDER BY id", args = arguments
        let wanted = Set(orderIDs)
        return try await pool.read { db in
            try Row.fetchAll(db, sql: query, arguments: args).compactMap { row in
                let body: Data = row[5] ?? Data()
                let message = OutboxMessage(
                    id: row[0], exchange: row[1], routingKey: row[2], messageID: row[3], type: row[4], body: [UInt8](body),
                    createdAt: Instant(millisecondsSinceEpoch: row[6]), correlationID: row[7], headers: OutboxHeaders.decode(row[8]))
                return message.orderID.map(wanted.contains) == true ? message : nil
            }
        }
    }

    private static func chunks(_ ids: [String]) -> [[String]] {
        stride(from: 0, to: ids.count, by: 500).map { Array(ids[$0..<min($0 + 500, ids.count)]) }
    }

    private static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
