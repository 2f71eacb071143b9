import PostgresNIO
import WorkOrderCore

// Reads for the supervisor commands: one query each, the ids bound as one array.
extension PostgresOrderStore {
    public func timers(orderIDs: [String]) async throws -> [ArmedTimer] {
        guard !orderIDs.isEmpty else { return [] }
        return try await withPostgresErrors("read timers") { [client, logger] in
            let rows = try await client.query("""
                SELECT order_id, purpose, due_ms FROM timers WHERE order_id = ANY(\(orderIDs)::text[]) ORDER BY due_ms, timer_key
                """, logger: logger)
            var timers: [ArmedTimer] = []
            for try await (order, purpose, due) in rows.decode((String, String, Int64).self) {
                timers.append(try decodeTimer(order: order, purpose: purpose, dueMS: due))
            }
            return timers
        }
    }

    public func histories(orderIDs: [String]) async throws -> [String: [HistoryRecord]] {
        guard !orderIDs.isEmpty else { return [:] }
        return try await withPostgresErrors("read histories") { [client, logger] in
            let rows = try await client.query("""
                SELECT order_id, at_ms, event, actor, detail, message_id, state, fact FROM history
                WHERE order_id = ANY(\(orderIDs)::text[]) ORDER BY seq
                """, logger: logger)
            var result: [String: [HistoryRecord]] = [:]
            for try await (order, at, event, actor, detail, message, state, fact)
                in rows.decode((String, Int64, String, String, String, String?, String, String?).self)
            {
                result[order, default: []].append(HistoryRecord(
                    orderID: order, at: Instant(millisecondsSinceEpoch: at), event: event, actor: actor, detail: detail,
                    messageID: message, state: state, fact: HistoryRecord.fact(fromJSON: fact)))
            }
            return result
        }
    }

    public func outboxMessages(ofTypes types: [String], orderIDs: [String]) async throws -> [OutboxMessage] {
        guard !types.isEmpty, !orderIDs.isEmpty else { return [] }
        // Few orders: let the patterns narrow the scan; many: scan by type, filter below.
        let patterns = orderIDs.count <= outboxPatternLimit ? orderIDs.map(outboxPattern(forOrder:)) : ["%"]
        let wanted = Set(orderIDs)
        return try await withPostgresErrors("read outbox") { [client, logger] in
            let rows = try await client.query("""
                SELECT id, exchange, routing_key, message_id, type, body, created_ms, correlation_id, headers FROM outbox
                WHERE type = ANY(\(types)::text[]) AND message_id LIKE ANY(\(patterns)::text[]) ORDER BY id
                """, logger: logger)
            var messages: [OutboxMessage] = []
            for try await (id, exchange, key, message, type, body, created, correlation, headers)
                in rows.decode((Int64, String, String, String, String, ByteBuffer, Int64, String?, String).self)
            {
                let row = OutboxMessage(
                    id: id, exchange: exchange, routingKey: key, messageID: message, type: type,
                    body: Array(body.readableBytesView), createdAt: Instant(millisecondsSinceEpoch: created),
                    correlationID: correlation, headers: OutboxHeaders.decode(headers))
                if let order = row.orderID, wanted.contains(order) { messages.append(row) }
            }
            return messages
        }
    }
}
