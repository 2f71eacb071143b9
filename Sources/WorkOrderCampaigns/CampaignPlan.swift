import WorkOrderCore

/// Any planned campaign, as it is kept in the store (encoded whole) and read back
/// to compute its status against exactly what was planned.
public enum CampaignPlan: Hashable, Codable, Sendable {
    case visits(plan: VisitPlan)
    case survey(plan: SurveyPlan)
    case callbacks(plan: CallbackCampaignPlan)

    public var id: CampaignID {
        switch self {
        case .visits(let p): return p.id
        case .survey(let p): return p.id
        case .callbacks(let p): return p.id
        }
    }

    /// One item per household: who is to be visited, surveyed or called, and for
    /// visits the time to propose.
    public var items: [CampaignItem] {
        switch self {
        case .visits(let p): return p.visits.map { CampaignItem(household: $0.household, plannedAt: $0.proposedAt) }
        case .survey(let p): return p.households.map { CampaignItem(household: $0, plannedAt: nil) }
        case .callbacks(let p): return p.calls.map { CampaignItem(household: $0.household, plannedAt: nil) }
        }
    }
}

public struct CampaignItem: Hashable, Sendable {
    public var household: Household
    public var plannedAt: Instant?
}

/// Every campaign's status in one place, for `wo campaigns status` and its `--json`.
public enum CampaignStatus: Hashable, Sendable {
    case visits(VisitCampaignStatus)
    case survey(SurveyCampaignStatus)
    case callbacks(CallbackCampaignStatus)
}

extension CampaignPlan {
    public func status(outcomes: [CampaignOutcome], calendar: BusinessCalendar, scale: SatisfactionScale, now: Instant) -> CampaignStatus {
        switch self {
        case .visits(let p): return .visits(VisitCampaignStatus(plan: p, outcomes: outcomes, calendar: calendar, now: now))
        case .survey(let p): return .survey(SurveyCampaignStatus(plan: p, outcomes: outcomes, now: now))
        case .callbacks(let p): return .callbacks(CallbackCampaignStatus(plan: p, outcomes: outcomes, scale: scale))
        }
    }
}
