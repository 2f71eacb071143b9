import Logging
import WorkOrderCore

/// The record of campaign work kept beside the orders (schema version 2): planned
/// campaigns, their items (one per household), and what happened to each item.
///
/// Only `wo campaigns` writes these tables; `wo serve` never touches them, so the
/// server stays the only writer of orders and the two never contend for the same rows.
/// Outcomes are append-only: a correction is a new outcome, never an edit. A campaign
/// store is an order store too: the daily and quarterly call-backs read the orders.
public protocol CampaignStore: OrderStore {
    /// Saves a planned campaign with its items, in one transaction. Throws
    /// `CampaignStoreError.alreadyPlanned` when a campaign with this id exists.
    func insertCampaign(_ campaign: StoredCampaign, items: [StoredCampaignItem]) async throws
    func campaign(id: String) async throws -> StoredCampaign?
    /// The site's campaigns, of one kind or all, oldest period first.
    func campaigns(site: String, kind: String?) async throws -> [StoredCampaign]
    func campaignItems(campaignID: String) async throws -> [StoredCampaignItem]
    /// Throws `CampaignStoreError.alreadyRecorded` for a second `visited` or `returned`
    /// outcome of one household in one campaign (the store's own guard for RPT-02's
    /// "no household twice"; `wo campaigns` checks first and explains).
    func appendCampaignOutcome(_ outcome: StoredCampaignOutcome) async throws
    /// Outcomes of one campaign, in the order they were recorded.
    func campaignOutcomes(campaignID: String) async throws -> [StoredCampaignOutcome]
    /// Outcomes of every campaign of `kind` at `site`, in the order they were recorded.
    func campaignOutcomes(site: String, kind: String) async throws -> [StoredCampaignOutcome]
}

/// A planned campaign. `plan` is the planner's own JSON, kept whole so the status
/// can be computed against exactly what was planned.
public struct StoredCampaign: Hashable, Sendable {
    public var id: String
    public var kind: String
    public var site: String
    public var period: String
    public var plannedAt: Instant
    public var policyVersion: String
    public var plan: String

    public init(id: String, kind: String, site: String, period: String, plannedAt: Instant, policyVersion: String, plan: String) {
        self.id = id
        self.kind = kind
        self.site = site
        self.period = period
        self.plannedAt = plannedAt
        self.policyVersion = policyVersion
        self.plan = plan
    }
}

/// One household of a campaign, with the proposed time for visits.
public struct StoredCampaignItem: Hashable, Sendable {
    public var campaignID: String
    public var household: String
    public var plannedAt: Instant?

    public init(campaignID: String, household: String, plannedAt: Instant? = nil) {
        self.campaignID = campaignID
        self.household = household
        self.plannedAt = plannedAt
    }
}

/// What happened to one item: `result` (visited, not_visited, returned, reached,
/// not_reached), by whom (a staff id, never an owner's name), when.
public struct StoredCampaignOutcome: Hashable, Sendable {
    public var campaignID: String
    public var household: String
    public var result: String
    public var actor: String
    public var at: Instant
    public var answer: String?
    public var note: String
    /// When it was written down (may be later than `at`).
    public var recordedAt: Instant

    public init(campaignID: String, household: String, result: String, actor: String, at: Instant,
                answer: String? = nil, note: String = "", recordedAt: Instant) {
        self.campaignID = campaignID
        self.household = household
        self.result = result
        self.actor = actor
        self.at = at
        self.answer = answer
        self.note = note
        self.recordedAt = recordedAt
    }
}

public enum CampaignStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case alreadyPlanned(String)
    case unknownCampaign(String)
    case alreadyRecorded(campaign: String, household: String, result: String)

    public var description: String {
        switch self {
        case .alreadyPlanned(let id): return "campaign \(id) is already planned"
        case .unknownCampaign(let id): return "no campaign \(id) has been planned"
        case .alreadyRecorded(let campaign, let household, let result):
            return "\(household) is already recorded as \(result) in \(campaign)"
        }
    }
}

extension OrderStores {
    /// Opens the store at `location` (migrating it, as `open` does) for campaign work.
    public static func openForCampaigns(_ location: String, logger: Logger) async throws -> any CampaignStore {
        let store = try await open(location, logger: logger)
        if let campaigns = store as? any CampaignStore { return campaigns }
        try? await store.close()
        throw StoreError.cannotOpen(location: location, reason: "this store keeps no campaign records")
    }
}
