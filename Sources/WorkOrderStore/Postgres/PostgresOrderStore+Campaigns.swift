import PostgresNIO
import WorkOrderCore

extension PostgresOrderStore {
    public func insertCampaign(_ c: StoredCampaign, items: [StoredCampaignItem]) async throws {
        let logger = self.logger
        try await inTransaction("insert campaign") { conn in
            let inserted = try await conn.query("""
                INSERT INTO campaigns (id, kind, site, period, planned_at_ms, policy_version, plan)
                VALUES (\(c.id), \(c.kind), \(c.site), \(c.period), \(c.plannedAt.millisecondsSinceEpoch), \(c.policyVersion), \(c.plan))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger)
            var fresh = false
            for try await _ in inserted.decode(String.self) { fresh = true }
            guard fresh else { throw CampaignStoreError.alreadyPlanned(c.id) }
            // Rows come from arrays (one statement each), as in `commit`; items without a
            // proposed time go in a second statement, since the arrays cannot hold NULL.
            let timed = items.filter { $0.plannedAt != nil }
            let untimed = items.filter { $0.plannedAt == nil }.map(\.household)
            if !timed.isEmpty {
                let households = timed.map(\.household)
                let times = timed.map { $0.plannedAt!.millisecondsSinceEpoch }
                try await conn.query("""
                    INSERT INTO campaign_items (campaign_id, household, planned_at_ms)
                    SELECT \(c.id), h, p FROM unnest(\(households)::text[], \(times)::int8[]) AS t(h, p)
                    """, logger: logger)
            }
            if !untimed.isEmpty {
                try await conn.query("""
                    INSERT INTO campaign_items (campaign_id, household) SELECT \(c.id), h FROM unnest(\(untimed)::text[]) AS t(h)
                    """, logger: logger)
            }
        }
    }

    public func campaign(id: String) async throws -> StoredCampaign? {
        try await campaigns("SELECT \(unescaped: Self.campaignColumns) FROM campaigns WHERE id = \(id)").first
    }

    public func campaigns(site: String, kind: String?) async throws -> [StoredCampaign] {
        if let kind {
            return try await campaigns("""
                SELECT \(unescaped: Self.campaignColumns) FROM campaigns WHERE site = \(site) AND kind = \(kind) ORDER BY period, id
                """)
        }
        return try await campaigns("SELECT \(unescaped: Self.campaignColumns) FROM campaigns WHERE site = \(site) ORDER BY period, id")
    }

    public func campaignItems(campaignID: String) async throws -> [StoredCampaignItem] {
        try await withPostgresErrors("campaign items") {
            let rows = try await client.query("""
                SELECT campaign_id, household, planned_at_ms FROM campaign_items WHERE campaign_id = \(campaignID)
                ORDER BY planned_at_ms, household
                """, logger: logger)
            var items: [StoredCampaignItem] = []
            for try await (id, household, planned) in rows.decode((String, String, Int64?).self) {
                items.append(StoredCampaignItem(campaignID: id, household: household,
                                                plannedAt: planned.map(Instant.init(millisecondsSinceEpoch:))))
            }
            return items
        }
    }

    public func appendCampaignOutcome(_ o: StoredCampaignOutcome) async throws {
        let logger = self.logger
        do {
            try await inTransaction("record campaign outcome") { conn in
                let found = try await conn.query("SELECT id FROM campaigns WHERE id = \(o.campaignID)", logger: logger)
                var exists = false
                for try await _ in found.decode(String.self) { exists = true }
                guard exists else { throw CampaignStoreError.unknownCampaign(o.campaignID) }
                try await conn.query("""
                    INSERT INTO campaign_outcomes (campaign_id, household, result, actor, at_ms, answer, note, recorded_at_ms)
                    VALUES (\(o.campaignID), \(o.household), \(o.result), \(o.actor), \(o.at.millisecondsSinceEpoch), \(o.answer),
                            \(o.note), \(o.recordedAt.millisecondsSinceEpoch))
                    """, logger: logger)
            }
        } catch let error as PostgresStoreError where error.sqlState == "23505" {
            throw CampaignStoreError.alreadyRecorded(campaign: o.campaignID, household: o.household, result: o.result)
        }
    }

    public func campaignOutcomes(campaignID: String) async throws -> [StoredCampaignOutcome] {
        try await outcomes("""
            SELECT \(unescaped: Self.outcomeColumns) FROM campaign_outcomes o WHERE o.campaign_id = \(campaignID) ORDER BY o.seq
            """)
    }

    public func campaignOutcomes(site: String, kind: String) async throws -> [StoredCampaignOutcome] {
        try await outcomes("""
            SELECT \(unescaped: Self.outcomeColumns) FROM campaign_outcomes o JOIN campaigns c ON c.id = o.campaign_id
            WHERE c.site = \(site) AND c.kind = \(kind) ORDER BY o.seq
            """)
    }

    // MARK: - Helpers

    static let campaignColumns = "id, kind, site, period, planned_at_ms, policy_version, plan"
    static let outcomeColumns = "o.campaign_id, o.household, o.result, o.actor, o.at_ms, o.answer, o.note, o.recorded_at_ms"

    private func campaigns(_ query: PostgresQuery) async throws -> [StoredCampaign] {
        try await withPostgresErrors("read campaigns") {
            let rows = try await client.query(query, logger: logger)
            var found: [StoredCampaign] = []
            for try await (id, kind, site, period, planned, version, plan)
                in rows.decode((String, String, String, String, Int64, String, String).self)
            {
                found.append(StoredCampaign(id: id, kind: kind, site: site, period: period,
                                            plannedAt: Instant(millisecondsSinceEpoch: planned), policyVersion: version, plan: plan))
            }
            return found
        }
    }

    private func outcomes(_ query: PostgresQuery) async throws -> [StoredCampaignOutcome] {
        try await withPostgresErrors("read campaign outcomes") {
            let rows = try await client.query(query, logger: logger)
            var found: [StoredCampaignOutcome] = []
            for try await (id, household, result, actor, at, answer, note, recorded)
                in rows.decode((String, String, String, String, Int64, String?, String, Int64).self)
            {
                found.append(StoredCampaignOutcome(
                    campaignID: id, household: household, result: result, actor: actor, at: Instant(millisecondsSinceEpoch: at),
                    answer: answer, note: note, recordedAt: Instant(millisecondsSinceEpoch: recorded)))
            }
            return found
        }
    }
}
