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

    public func recordServerClock(_ clock: ServerClockRecord?) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM server_clock")
            if let clock {
                try db.execute(
                    sql: "INSERT INTO server_clock (id, wall_origin_ms, scaled_origin_ms, scale) VALUES (1, ?, ?, ?)",
                    arguments: [clock.wallOriginMs, clock.scaledOriginMs, clock.scale])
            }
        }
    }

    public func serverClock() async throws -> ServerClockRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT wall_origin_ms, scaled_origin_ms, scale FROM server_clock WHERE id = 1").map {
                ServerClockRecord(wallOriginMs: $0[0], scaledOriginMs: $0[1], scale: $0[2])
            }
        }
    }
}
