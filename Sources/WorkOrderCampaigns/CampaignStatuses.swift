import WorkOrderCore

/// Where a month's household visits stand (RPT-02).
public struct VisitCampaignStatus: Hashable, Codable, Sendable {
    public var id: CampaignID
    public var quota: VisitQuotaStatus
    public var planned: Int
    /// Planned households not visited yet (attempts that found nobody included).
    public var open: Int
    /// Households visited that were not on the plan (the owner asked, or stood in for one).
    public var visitedOffPlan: Int
    /// Attempts recorded as not visited, whether or not the household was visited later.
    public var failedAttempts: Int
    public var summaryDue: CivilDate
    /// The summary's day has passed (the summary itself is written by people).
    public var summaryDayPassed: Bool

    public init(plan: VisitPlan, outcomes: [CampaignOutcome], calendar: BusinessCalendar, now: Instant) {
        let visited = outcomes.firstTimes(.visited) { plan.month.contains(calendar.localDate(of: $0.at)) }
        let planned = Set(plan.visits.map(\.household))
        id = plan.id
        quota = VisitQuotaStatus(quota: plan.quota, visitedHouseholds: visited.count)
        self.planned = planned.count
        open = planned.subtracting(visited.keys).count
        visitedOffPlan = Set(visited.keys).subtracting(planned).count
        failedAttempts = outcomes.filter { $0.result == .not_visited }.count
        summaryDue = plan.summaryDue
        summaryDayPassed = calendar.localDate(of: now) > plan.summaryDue
    }
}

/// Where a survey stands (SAT-02).
public struct SurveyCampaignStatus: Hashable, Codable, Sendable {
    public var id: CampaignID
    public var returns: SurveyReturn
    /// Forms that came back after the deadline: kept, but not counted.
    public var returnedLate: Int
    public var collectBy: Instant
    public var collectionClosed: Bool

    public init(plan: SurveyPlan, outcomes: [CampaignOutcome], now: Instant) {
        let issued = Set(plan.households)
        let returned = outcomes.firstTimes(.returned) { issued.contains($0.household) }
        let inTime = returned.values.filter { $0 <= plan.collectBy }.count
        id = plan.id
        returns = SurveyReturn(plan: plan, returned: inTime)
        returnedLate = returned.count - inTime
        collectBy = plan.collectBy
        collectionClosed = now > plan.collectBy
    }
}

/// Where a call-back campaign stands (CB-09).
public struct CallbackCampaignStatus: Hashable, Codable, Sendable {
    public var id: CampaignID
    public var planned: Int
    public var reached: Int
    /// Planned households tried but never reached.
    public var notReached: Int
    public var open: Int
    /// Reached owners whose answer is not a satisfied level (SAT-01 scale).
    public var dissatisfied: Int
    public var callBy: Instant
    public var reachedPercent: Double

    public init(plan: CallbackCampaignPlan, outcomes: [CampaignOutcome], scale: SatisfactionScale) {
        let planned = Set(plan.calls.map(\.household))
        let reached = Set(outcomes.firstTimes(.reached) { planned.contains($0.household) }.keys)
        let tried = Set(outcomes.firstTimes(.not_reached) { planned.contains($0.household) }.keys)
        id = plan.id
        self.planned = planned.count
        self.reached = reached.count
        notReached = tried.subtracting(reached).count
        open = planned.subtracting(reached).subtracting(tried).count
        dissatisfied = Set(outcomes.filter { o in
            o.result == .reached && planned.contains(o.household) && o.answer.map { !scale.isSatisfied($0) } == true
        }.map(\.household)).count
        callBy = plan.callBy
        reachedPercent = planned.isEmpty ? 0 : Double(reached.count) * 100 / Double(planned.count)
    }
}
