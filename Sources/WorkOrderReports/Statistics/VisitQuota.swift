import WorkOrderCore
import WorkOrderStore

/// RPT-02: how many households the CS supervisor must visit in a month, from the
/// number of occupied households and the policy's bands (`visit_quotas`). The quota
/// is "at least" a share, so a fraction of a household rounds up.
public struct VisitQuota: Hashable, Codable, Sendable {
    /// Nil when the number was not given: the report then shows the bands only.
    public var occupiedHouseholds: Int?
    public var percent: Int?
    public var required: Int?
    /// Households visited in the month; nil when the store keeps no campaign records.
    public var recorded: Int?
    public var bands: [Band]
    public var dueDay: Int

    public struct Band: Hashable, Codable, Sendable {
        public var upTo: Int?
        public var percent: Int
    }

    public init(occupiedHouseholds: Int?, policy: VisitQuotaPolicy, recorded: Int? = nil) {
        self.occupiedHouseholds = occupiedHouseholds
        bands = policy.bands.map { Band(upTo: $0.upTo, percent: $0.percent) }
        dueDay = policy.summaryDueDay
        self.recorded = recorded
        guard let occupied = occupiedHouseholds,
              let band = policy.bands.first(where: { $0.upTo.map { occupied <= $0 } ?? true }) else { return }
        percent = band.percent
        required = (occupied * band.percent + 99) / 100
    }

    /// Whether the recorded visits reach the quota; nil when either is unknown.
    public var met: Bool? {
        guard let required, let recorded else { return nil }
        return recorded >= required
    }

    /// Households visited (`wo campaigns record … visited`) in `[from, before)`, each
    /// counted once however often it was visited: RPT-02 allows no household twice.
    public static func householdsVisited(_ outcomes: [StoredCampaignOutcome], from: Instant, before: Instant) -> Int {
        Set(outcomes.filter { $0.result == "visited" && from <= $0.at && $0.at < before }.map(\.household)).count
    }
}
