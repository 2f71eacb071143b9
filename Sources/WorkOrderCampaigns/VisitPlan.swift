import WorkOrderCore

/// One proposed visit: the household and the time to propose when making the
/// appointment (visits are by appointment; the owner may choose another time).
public struct PlannedVisit: Hashable, Codable, Sendable {
    public var household: Household
    public var proposedAt: Instant

    public init(household: Household, proposedAt: Instant) {
        self.household = household
        self.proposedAt = proposedAt
    }
}

/// A month's household visits at one site (RPT-02).
public struct VisitPlan: Hashable, Codable, Sendable {
    public var id: CampaignID
    public var quota: VisitQuota
    /// Households already visited this month when the plan was made (they count
    /// towards the quota and are not planned again).
    public var alreadyVisitedThisMonth: Int
    public var visits: [PlannedVisit]
    /// When the month's visit summary is due to the site director.
    public var summaryDue: CivilDate

    public var month: CampaignPeriod { id.period }
}

/// Why a visit plan could not be made.
public enum VisitPlanError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAMonth(CampaignPeriod)
    case noHouseholds
    /// Planning after the month's last day.
    case monthIsOver(CampaignPeriod)
    /// Fewer free slots left in the month than visits still needed.
    case notEnoughTime(needed: Int, slots: Int)

    public var description: String {
        switch self {
        case .notAMonth(let p): return "\(p) is not a month (expected YYYY-MM)"
        case .noHouseholds: return "the list of occupied households is empty"
        case .monthIsOver(let p): return "\(p) is over: no visit can be planned in it any more"
        case .notEnoughTime(let needed, let slots):
            return "\(needed) visits are still needed but only \(slots) visit slots are left in the month's working hours"
        }
    }
}
