import ArgumentParser
import Foundation
import Logging
import WorkOrderCampaigns
import WorkOrderCore
import WorkOrderStore

/// What a campaigns subcommand works with: the policy, the site's calendar, the
/// store, and the current instant (read here, once, and passed to the pure planners).
struct CampaignsContext {
    let policy: PolicySet
    let calendar: BusinessCalendar
    let store: any CampaignStore
    let now: Instant
    let site: String

    static func open(_ options: CampaignOptions) async throws -> CampaignsContext {
        let policy = try options.policy.load()
        let logger = Logging.bootstrap(level: .warning)
        let store: any CampaignStore
        do {
            store = try await OrderStores.openForCampaigns(options.store.resolvedStore, logger: logger)
        } catch {
            throw CampaignsFailure("\(error)")
        }
        let now = Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        return CampaignsContext(policy: policy, calendar: policy.calendar(forSite: options.site), store: store, now: now,
                                site: options.site)
    }

    func close() async { try? await store.close() }

    /// Runs `body`, closing the store whatever happens; store errors become one line.
    func run(_ body: (CampaignsContext) async throws -> Void) async throws {
        do {
            try await body(self)
        } catch let error as CampaignsFailure {
            await close()
            throw error
        } catch {
            await close()
            throw CampaignsFailure("\(error)")
        }
        await close()
    }

    /// Reads a campaign's plan back from the store.
    func plan(_ id: CampaignID) async throws -> CampaignPlan {
        guard let stored = try await store.campaign(id: id.description) else {
            throw CampaignsFailure("no campaign \(id) has been planned; run wo campaigns plan first")
        }
        return try CampaignJSON.decoder.decode(CampaignPlan.self, from: Data(stored.plan.utf8))
    }

    /// Refuses early, before any planning work, when the campaign already exists.
    func refuseIfPlanned(_ id: CampaignID) async throws {
        if try await store.campaign(id: id.description) != nil {
            throw CampaignsFailure("campaign \(id) is already planned")
        }
    }

    /// Saves a new plan with one item per household.
    func save(_ plan: CampaignPlan) async throws {
        let json = String(decoding: try CampaignJSON.encoder.encode(plan), as: UTF8.self)
        let id = plan.id
        let stored = StoredCampaign(id: id.description, kind: id.kind.rawValue, site: id.site, period: id.period.description,
                                    plannedAt: now, policyVersion: policy.version, plan: json)
        let items = plan.items.map { StoredCampaignItem(campaignID: id.description, household: $0.household.description, plannedAt: $0.plannedAt) }
        do {
            try await store.insertCampaign(stored, items: items)
        } catch let error as CampaignStoreError {
            throw CampaignsFailure("\(error)")
        }
    }

    /// The outcomes recorded for one campaign, or for every campaign of a kind at the site.
    func outcomes(_ id: CampaignID) async throws -> [CampaignOutcome] {
        try await store.campaignOutcomes(campaignID: id.description).compactMap(Self.outcome)
    }

    func outcomes(kind: CampaignKind) async throws -> [CampaignOutcome] {
        try await store.campaignOutcomes(site: site, kind: kind.rawValue).compactMap(Self.outcome)
    }

    func append(_ outcome: CampaignOutcome, to id: CampaignID) async throws {
        try await store.appendCampaignOutcome(StoredCampaignOutcome(
            campaignID: id.description, household: outcome.household.description, result: outcome.result.rawValue,
            actor: outcome.by, at: outcome.at, answer: outcome.answer, note: outcome.note, recordedAt: now))
    }

    static func outcome(_ s: StoredCampaignOutcome) -> CampaignOutcome? {
        guard let household = HouseholdList.household(s.household), let result = CampaignResult(rawValue: s.result) else { return nil }
        return CampaignOutcome(household: household, result: result, by: s.actor, at: s.at, answer: s.answer, note: s.note)
    }
}

enum CampaignJSON {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return e
    }()
    static let decoder = JSONDecoder()

    static func print(_ value: some Encodable) throws {
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
