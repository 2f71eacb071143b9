import GRDB

extension SQLiteOrderStore {
    public func prune(processedBefore: Int64, publishedBefore: Int64, outboxTypes: [String]) async throws -> PruneResult {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM inbox WHERE processed_at_ms < ?", arguments: [processedBefore])
            let inbox = db.changesCount
            try db.execute(sql: "DELETE FROM delivery_attempts WHERE last_at_ms < ?", arguments: [processedBefore])
            guard !outboxTypes.isEmpty else { return PruneResult(inboxKeys: inbox, outboxRows: 0) }
            let marks = Array(repeating: "?", count: outboxTypes.count).joined(separator: ", ")
            try db.execute(
                sql: "DELETE FROM outbox WHERE published_ms IS NOT NULL AND published_ms < ? AND type IN (\(marks))",
                arguments: StatementArguments([publishedBefore] as [any DatabaseValueConvertible] + outboxTypes))
            return PruneResult(inboxKeys: inbox, outboxRows: db.changesCount)
        }
    }

    public func recordDeliveryAttempt(key: String) async throws -> Int {
        try await pool.write { db in
            try Int.fetchOne(db, sql: """
                INSERT INTO delivery_attempts (message_key, attempts, last_at_ms) VALUES (?, 1, ?)
                ON CONFLICT (message_key) DO UPDATE SET attempts = attempts + 1, last_at_ms = excluded.last_at_ms
                RETURNING attempts
                """, arguments: [key, wallClockMS()]) ?? 1
        }
    }
}
