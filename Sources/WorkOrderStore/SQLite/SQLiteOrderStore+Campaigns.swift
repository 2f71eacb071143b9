import GRDB
import WorkOrderCore

extension SQLiteOrderStore {
    public func insertCampaign(_ c: StoredCampaign, items: [StoredCampaignItem]) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM campaigns WHERE id = ?", arguments: [c.id]) == true {
                throw CampaignStoreError.alreadyPlanned(c.id)
            }
            try db.execute(sql: """
                INSERT INTO campaigns (id, kind, site, period, planned_at_ms, policy_version, plan) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [c.id, c.kind, c.site, c.period, c.plannedAt.millisecondsSinceEpoch, c.policyVersion, c.plan])
            let insert = try db.makeStatement(sql: "INSERT INTO campaign_items (campaign_id, household, planned_at_ms) VALUES (?, ?, ?)")
            for item in items {
                try insert.execute(arguments: [c.id, item.household, item.plannedAt?.millisecondsSinceEpoch])
            }
        }
    }

    public func campaign(id: String) async throws -> StoredCampaign? {
        try await pool.read { db in
            try Self.campaigns(db, where: "id = ?", [id]).first
        }
    }

    public func campaigns(site: String, kind: String?) async throws -> [StoredCampaign] {
        try await pool.read { db in
            if let kind { return try Self.campaigns(db, where: "site = ? AND kind = ?", [site, kind]) }
            return try Self.campaigns(db, where: "site = ?", [site])
        }
    }

    public func campaignItems(campaignID: String) async throws -> [StoredCampaignItem] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT campaign_id, household, planned_at_ms FROM campaign_items WHERE campaign_id = ?
                ORDER BY planned_at_ms, household
                """, arguments: [campaignID]).map { row in
                StoredCampaignItem(campaignID: row[0], household: row[1],
                                   plannedAt: (row[2] as Int64?).map(Instant.init(millisecondsSinceEpoch:)))
            }
        }
    }

    public func appendCampaignOutcome(_ o: StoredCampaignOutcome) async throws {
        do {
            try await pool.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM campaigns WHERE id = ?", arguments: [o.campaignID]) == true else {
                    throw CampaignStoreError.unknownCampaign(o.campaignID)
                }
                try db.execute(sql: """
                    INSERT INTO campaign_outcomes (campaign_id, household, result, actor, at_ms, answer, note, recorded_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [o.campaignID, o.household, o.result, o.actor, o.at.millisecondsSinceEpoch, o.answer, o.note,
                                     o.recordedAt.millisecondsSinceEpoch])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw CampaignStoreError.alreadyRecorded(campaign: o.campaignID, household: o.household, result: o.result)
        }
    }

    public func campaignOutcomes(campaignID: String) async throws -> [StoredCampaignOutcome] {
        try await pool.read { db in
            try Self.outcomes(db, sql: "SELECT \(Self.outcomeColumns) FROM campaign_outcomes o WHERE o.campaign_id = ? ORDER BY o.seq",
                              [campaignID])
        }
    }

    public func campaignOutcomes(site: String, kind: String) async throws -> [StoredCampaignOutcome] {
        try await pool.read { db in
            try Self.outcomes(db, sql: """
                SELECT \(Self.outcomeColumns) FROM campaign_outcomes o JOIN campaigns c ON c.id = o.campaign_id
                WHERE c.site = ? AND c.kind = ? ORDER BY o.seq
                """, [site, kind])
        }
    }

    static let outcomeColumns = "o.campaign_id, o.household, o.result, o.actor, o.at_ms, o.answer, o.note, o.recorded_at_ms"

    private static func campaigns(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [StoredCampaign] {
        try Row.fetchAll(db, sql: """
            SELECT id, kind, site, period, planned_at_ms, policy_version, plan FROM campaigns WHERE \(condition) ORDER BY period, id
            """, arguments: arguments).map { row in
            StoredCampaign(id: row[0], kind: row[1], site: row[2], period: row[3],
                           plannedAt: Instant(millisecondsSinceEpoch: row[4]), policyVersion: row[5], plan: row[6])
        }
    }

    private static func outcomes(_ db: Database, sql: String, _ arguments: StatementArguments) throws -> [StoredCampaignOutcome] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            StoredCampaignOutcome(
                campaignID: row[0], household: row[1], result: row[2], actor: row[3], at: Instant(millisecondsSinceEpoch: row[4]),
                answer: row[5], note: row[6], recordedAt: Instant(millisecondsSinceEpoch: row[7]))
        }
    }
}
