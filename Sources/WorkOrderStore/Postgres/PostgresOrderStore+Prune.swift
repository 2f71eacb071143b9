import PostgresNIO

extension PostgresOrderStore {
    public func prune(processedBefore: Int64, publishedBefore: Int64, outboxTypes: [String]) async throws -> PruneResult {
        try await withPostgresErrors("prune") {
            let inbox = try await deleted("WITH d AS (DELETE FROM inbox WHERE processed_at_ms < \(processedBefore) RETURNING 1) SELECT count(*) FROM d")
            let outbox = try await deleted("""
                WITH d AS (DELETE FROM outbox WHERE published_ms IS NOT NULL AND published_ms < \(publishedBefore)
                           AND type = ANY(\(outboxTypes)::text[]) RETURNING 1) SELECT count(*) FROM d
                """)
            return PruneResult(inboxKeys: inbox, outboxRows: outbox)
        }
    }

    private func deleted(_ query: PostgresQuery) async throws -> Int {
        let rows = try await client.query(query, logger: logger)
        var n: Int64 = 0
        for try await value in rows.decode(Int64.self) { n = value }
        return Int(n)
    }
}
