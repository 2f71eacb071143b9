import Foundation
import GRDB
import WorkOrderCore

extension SQLiteOrderStore {
    public func ordersToRedact(finalStates: [OrderKind: [String]], updatedBefore: Instant, limit: Int) async throws -> [WorkOrder] {
        let finals = finalStates.flatMap { kind, states in states.map { (kind.rawValue, $0) } }
        guard !finals.isEmpty, limit > 0 else { return [] }
        let sql = """
            SELECT id, body FROM orders WHERE redacted_at_ms IS NULL
            AND (\(Array(repeating: "(kind = ? AND state = ?)", count: finals.count).joined(separator: " OR ")))
            AND (SELECT max(at_ms) FROM history WHERE history.order_id = orders.id) < ?
            ORDER BY id LIMIT ?
            """
        var arguments = StatementArguments()
        for (kind, state) in finals { arguments += [kind, state] }
        arguments += [updatedBefore.millisecondsSinceEpoch, limit]
        let args = arguments
        return try await pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: args).map { row in try StoredOrder.decode(row[1], id: row[0]) }
        }
    }

    public func redactOwner(orderID: String, at: Instant) async throws -> Bool {
        let redacted = try await pool.write { db -> Bool in
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM orders WHERE id = ?", arguments: [orderID]) else { return false }
            let order = try StoredOrder.decode(body, id: orderID)
            let redaction = OwnerRedaction(order.owner)
            try db.execute(
                sql: "UPDATE orders SET body = ?, redacted_at_ms = ? WHERE id = ?",
                arguments: [try StoredOrder.redactedBody(order, redaction), at.millisecondsSinceEpoch, orderID])
            for row in try Row.fetchAll(db, sql: "SELECT seq, detail, fact FROM history WHERE order_id = ?", arguments: [orderID]) {
                let detail: String = row[1]
                let fact: String? = row[2]
                let newDetail = redaction.redact(detail), newFact = fact.map(redaction.redact)
                if newDetail != detail || newFact != fact {
                    try db.execute(sql: "UPDATE history SET detail = ?, fact = ? WHERE seq = ?", arguments: [newDetail, newFact, row[0] as Int64])
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, body FROM outbox WHERE message_id LIKE ?", arguments: [outboxPattern(forOrder: orderID)]) {
                let bytes = [UInt8]((row[1] as Data?) ?? Data())
                let redactedBytes = redaction.redactJSON(bytes)
                if redactedBytes != bytes {
                    try db.execute(sql: "UPDATE outbox SET body = ? WHERE id = ?", arguments: [Data(redactedBytes), row[0] as Int64])
                }
            }
            return true
        }
        // The pages that held the old values leave the write-ahead log for the file,
        // where secure_delete zeroed what was replaced.
        if redacted { _ = try? await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } }
        return redacted
    }
}

extension StoredOrder {
    /// The order's JSON with the owner's data masked wherever it appears (a signature
    /// in a state, say); the owner field itself always ends as the mask.
    static func redactedBody(_ order: WorkOrder, _ redaction: OwnerRedaction) throws -> String {
        let text = try encode(order)
        let masked = redaction.redactJSON(Array(text.utf8))
        if var decoded = try? StoredJSON.decode(WorkOrder.self, from: String(decoding: masked, as: UTF8.self)) {
            decoded.owner = redaction.mask
            return try encode(decoded)
        }
        var typed = order
        typed.owner = redaction.mask
        return try encode(typed)
    }
}
