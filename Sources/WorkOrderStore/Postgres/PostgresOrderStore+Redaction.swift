import Foundation
import PostgresNIO
import WorkOrderCore

extension PostgresOrderStore {
    public func ordersToRedact(finalStates: [OrderKind: [String]], updatedBefore: Instant, limit: Int) async throws -> [WorkOrder] {
        // "kind/state" pairs compared as one text, so any number of them is one parameter.
        let finals = finalStates.flatMap { kind, states in states.map { "\(kind.rawValue)/\($0)" } }
        guard !finals.isEmpty, limit > 0 else { return [] }
        let before = updatedBefore.millisecondsSinceEpoch, count = Int64(limit)
        return try await orders("""
            SELECT id, body FROM orders WHERE redacted_at_ms IS NULL AND (kind || '/' || state) = ANY(\(finals)::text[])
            AND (SELECT max(at_ms) FROM history WHERE history.order_id = orders.id) < \(before) ORDER BY id LIMIT \(count)
            """)
    }

    /// A replaced row's old version stays in the table's file until VACUUM reclaims it, but
    /// no reader and no `pg_dump` sees it: backups taken afterwards hold only the masks.
    public func redactOwner(orderID: String, at: Instant) async throws -> Bool {
        let stamp = at.millisecondsSinceEpoch
        let pattern = outboxPattern(forOrder: orderID)
        return try await inTransaction("redact an owner") { [logger] c in
            let found = try await c.query("SELECT body FROM orders WHERE id = \(orderID) FOR UPDATE", logger: logger)
            var body: String?
            for try await text in found.decode(String.self) { body = text }
            guard let body else { return false }
            let order = try StoredOrder.decode(body, id: orderID)
            let redaction = OwnerRedaction(order.owner)
            let newBody = try StoredOrder.redactedBody(order, redaction)
            _ = try await c.query("UPDATE orders SET body = \(newBody), redacted_at_ms = \(stamp) WHERE id = \(orderID)", logger: logger)

            var history: [(Int64, String, String?)] = []
            let rows = try await c.query("SELECT seq, detail, fact FROM history WHERE order_id = \(orderID)", logger: logger)
            for try await row in rows.decode((Int64, String, String?).self) { history.append(row) }
            for (seq, detail, fact) in history {
                let newDetail = redaction.redact(detail), newFact = fact.map(redaction.redact)
                if newDetail != detail || newFact != fact {
                    _ = try await c.query("UPDATE history SET detail = \(newDetail), fact = \(newFact) WHERE seq = \(seq)", logger: logger)
                }
            }

            var outbox: [(Int64, ByteBuffer)] = []
            let sent = try await c.query("SELECT id, body FROM outbox WHERE message_id LIKE \(pattern)", logger: logger)
            for try await row in sent.decode((Int64, ByteBuffer).self) { outbox.append(row) }
            for (id, buffer) in outbox {
                let bytes = Array(buffer.readableBytesView)
                let redacted = redaction.redactJSON(bytes)
                if redacted != bytes {
                    _ = try await c.query("UPDATE outbox SET body = \(ByteBuffer(bytes: redacted)) WHERE id = \(id)", logger: logger)
                }
            }
            return true
        }
    }
}
