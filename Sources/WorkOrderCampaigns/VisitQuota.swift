import WorkOrderCore

/// RPT-02: how many households the CS supervisor must visit in a month.
///
/// The band is chosen by occupied households (the first band whose `upTo` is not below
/// the count), and the count is rounded up: the procedure says "not fewer than" the
/// percentage, so 301 households at 5% need 16 visits, not 15.
public struct VisitQuota: Hashable, Codable, Sendable {
    public var occupiedHouseholds: Int
    public var percent: Int
    public var required: Int

    public init(occupiedHouseholds: Int, policy: VisitQuotaPolicy) {
        let n = max(occupiedHouseholds, 0)
        let band = policy.bands.first { $0.upTo.map { n <= $0 } ?? true } ?? policy.bands.last
        let percent = band?.percent ?? 0
        self.occupiedHouseholds = n
        self.percent = percent
        self.required = (n * percent + 99) / 100
    }
}

/// Where a month's visits stand against the quota. The monthly report (RPT-02's
/// quota line) and `wo campaigns status` both use this.
public struct VisitQuotaStatus: Hashable, Codable, Sendable {
    public var quota: VisitQuota
    /// Distinct households visited in the month (a second visit to one household
    /// does not count: "no household twice").
    public var visitedHouseholds: Int
    // Stored, not computed, so that `--json` carries them.
    public private(set) var isMet: Bool
    public private(set) var stillNeeded: Int

    public init(quota: VisitQuota, visitedHouseholds: Int) {
        self.quota = quota
        self.visitedHouseholds = visitedHouseholds
        isMet = visitedHouseholds >= quota.required
        stillNeeded = max(quota.required - visitedHouseholds, 0)
    }

    /// The status from the households whose visits were done in the month; each
    /// household counts once however often it appears.
    public init(occupiedHouseholds: Int, visited: some Sequence<Household>, policy: VisitQuotaPolicy) {
        self.init(quota: VisitQuota(occupiedHouseholds: occupiedHouseholds, policy: policy), visitedHouseholds: Set(visited).count)
    }
}

extension VisitQuotaPolicy {
    /// RPT-02: the visit summary for `month` is due on this day of the next month.
    public func summaryDue(for month: CampaignPeriod) -> CivilDate {
        let next = month.lastDay.adding(days: 1)
        let day = min(max(summaryDueDay, 1), CivilDate.daysInMonth(year: next.year, month: next.month))
        return CivilDate(year: next.year, month: next.month, day: day)
    }
}
