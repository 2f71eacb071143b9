import PostgresNIO

extension PostgresOrderStore {
    public func prune(processedBefore: Int64, publishedBefore: Int64, outboxTypes: [String]) async throws -> PruneResult {
        try await withPostgresErrors("prune") {
            let inbox = try await deleted("WITH d AS (DELETE FROM inbox WHERE processed_at_ms < \(processedBefore) RETURNING 1) SELECT count(*) FROM d")
            _ = try await deleted("WITH d AS (DELETE FROM delivery_attempts WHERE last_at_ms < \(processedBefore) RETURNING 1) SELECT count(*) FROM d")
            let outbox = try await deleted("""
                WITH d AS (DELETE FROM outbox WHERE published_ms IS NOT NULL AND published_ms < \(publishedBefore)
                           AND type = ANY(\(outboxTypes)::text[]) RETURNING 1) SELECT count(*) FROM d
                """)
            return PruneResult(inboxKeys: inbox, outboxRows: outbox)
        }
    }

    public func recordDeliveryAttempt(key: String) async throws -> Int {
        let now = wallClockMS()
        return try await inTransaction("count a delivery") { [logger] c in
            let rows = try await c.query("""
                INSERT INTO delivery_attempts (message_key, attempts, last_at_ms) VALUES (\(key), 1, \(now))
                ON CONFLICT (message_key) DO UPDATE SET attempts = delivery_attempts.attempts + 1, last_at_ms = EXCLUDED.last_at_ms
                RETURNING attempts
                """, logger: logger)
            var attempts: Int32 = 1
            for try await value in rows.decode(Int32.self) { attempts = value }
            return Int(attempts)
        }
    }

    public func recordServerClock(_ clock: ServerClockRecord?) async throws {
        try await inTransaction("record the server clock") { [logger] c in
            _ = try await c.query("DELETE FROM server_clock", logger: logger)
            if let clock {
                _ = try await c.query("""
                    INSERT INTO server_clock (id, wall_origin_ms, scaled_origin_ms, scale)
                    VALUES (1, \(clock.wallOriginMs), \(clock.scaledOriginMs), \(clock.scale))
                    """, logger: logger)
            }
        }
    }

    public func serverClock() async throws -> ServerClockRecord? {
        try await withPostgresErrors("read the server clock") { [client, logger] in
            let rows = try await client.query("SELECT wall_origin_ms, scaled_origin_ms, scale FROM server_clock WHERE id = 1", logger: logger)
            var found: ServerClockRecord?
            for try await (wall, scaled, scale) in rows.decode((Int64, Int64, Double).self) {
                found = ServerClockRecord(wallOriginMs: wall, scaledOriginMs: scaled, scale: scale)
            }
            return found
        }
    }

    private func deleted(_ query: PostgresQuery) async throws -> Int {
        let rows = try await client.query(query, logger: logger)
        var n: Int64 = 0
        for try await value in rows.decode(Int64.self) { n = value }
        return Int(clamping: n)
    }
}
