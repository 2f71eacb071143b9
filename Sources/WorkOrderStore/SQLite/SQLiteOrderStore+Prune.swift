import GRDB

extension SQLiteOrderStore {
    public func prune(processedBefore: Int64, publishedBefore: Int64, outboxTypes: [String]) async throws -> PruneResult {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM inbox WHERE processed_at_ms < ?", arguments: [processedBefore])
            let inbox = db.changesCount
            guard !outboxTypes.isEmpty else { return PruneResult(inboxKeys: inbox, outboxRows: 0) }
            let marks = Array(repeating: "?", count: outboxTypes.count).joined(separator: ", ")
            try db.execute(
                sql: "DELETE FROM outbox WHERE published_ms IS NOT NULL AND published_ms < ? AND type IN (\(marks))",
                arguments: StatementArguments([publishedBefore] as [any DatabaseValueConvertible] + outboxTypes))
            return PruneResult(inboxKeys: inbox, outboxRows: db.changesCount)
        }
    }
}
