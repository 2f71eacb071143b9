import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderStore

/// The campaign records of schema version 2 (issue 5), on SQLite and PostgreSQL alike.
@Suite(.timeLimit(.minutes(2)))
struct CampaignStoreTests {
    static let visits = StoredCampaign(
        id: "household_visits/garden-court/2026-06", kind: "household_visits", site: "garden-court", period: "2026-06",
        plannedAt: t0, policyVersion: "test", plan: #"{"visits":[]}"#)

    func outcome(_ household: String, _ result: String, minutes: Int64, campaign: String = Self.visits.id) -> StoredCampaignOutcome {
        StoredCampaignOutcome(campaignID: campaign, household: household, result: result, actor: "li.cs", at: at(minutes: minutes),
                              note: result == "not_visited" ? "nobody home" : "", recordedAt: at(minutes: minutes + 5))
    }

    @Test(arguments: StoreKind.allCases)
    func RPT_02_planThenRecordVisitsAndReadThemBack(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            let store = try #require(t.store as? any CampaignStore)
            try await store.insertCampaign(Self.visits, items: [
                StoredCampaignItem(campaignID: Self.visits.id, household: "3-2-501", plannedAt: at(minutes: 60)),
                StoredCampaignItem(campaignID: Self.visits.id, household: "3-2-502", plannedAt: at(minutes: 30)),
            ])
            await #expect(throws: CampaignStoreError.alreadyPlanned(Self.visits.id)) {
                try await store.insertCampaign(Self.visits, items: [])
            }
            #expect(try await store.campaign(id: Self.visits.id) == Self.visits)
            #expect(try await store.campaign(id: "nothing") == nil)
            #expect(try await store.campaigns(site: "garden-court", kind: nil) == [Self.visits])
            #expect(try await store.campaigns(site: "garden-court", kind: "satisfaction_survey") == [])
            #expect(try await store.campaignItems(campaignID: Self.visits.id).map(\.household) == ["3-2-502", "3-2-501"])

            let records = [outcome("3-2-501", "not_visited", minutes: 100), outcome("3-2-501", "visited", minutes: 200)]
            for r in records { try await store.appendCampaignOutcome(r) }
            #expect(try await store.campaignOutcomes(campaignID: Self.visits.id) == records)
            #expect(try await store.campaignOutcomes(site: "garden-court", kind: "household_visits") == records)
            // The store's own guard: no household visited twice in one campaign.
            await #expect(throws: CampaignStoreError.alreadyRecorded(campaign: Self.visits.id, household: "3-2-501", result: "visited")) {
                try await store.appendCampaignOutcome(outcome("3-2-501", "visited", minutes: 300))
            }
            await #expect(throws: CampaignStoreError.unknownCampaign("nothing")) {
                try await store.appendCampaignOutcome(outcome("3-2-501", "visited", minutes: 300, campaign: "nothing"))
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aVersion1StoreIsUpgradedWithItsOrdersKept(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            _ = try await t.store.commit([intakeUnit(try sampleOrder("WO-1"), message: "m-1")])
            if let sqlite = t.store as? SQLiteOrderStore {
                try await sqlite.rollBackToSchemaVersion1ForTesting()
            } else if let pg = t.store as? PostgresOrderStore {
                try await pg.rollBackToSchemaVersion1ForTesting()
            }
            // A reader cannot upgrade; a writer can.
            await #expect(throws: StoreError.self) { _ = try await t.reopen(readOnly: true) }
            let upgraded = try #require(try await t.reopen() as? any CampaignStore)
            #expect(try await upgraded.order(id: "WO-1") != nil)
            try await upgraded.insertCampaign(Self.visits, items: [])
            #expect(try await upgraded.campaign(id: Self.visits.id) == Self.visits)
            try await upgraded.close()
        }
    }
}
