import WorkOrderCore

/// Plans a month's household visits (RPT-02): how many (the quota by occupied
/// households), which households, and when to propose each visit.
///
/// Which households: none visited this month (no household twice); among the rest,
/// those never visited come first, then those visited longest ago, so that over the
/// months the visits go round the whole site. Ties are broken at random, so the
/// supervisor does not always start with building 1.
public struct VisitPlanner: Sendable {
    public var calendar: BusinessCalendar
    public var policy: VisitQuotaPolicy
    /// How long a visit slot is when spreading proposals over a day.
    public var visitLength: Duration

    public init(calendar: BusinessCalendar, policy: VisitQuotaPolicy, visitLength: Duration = .seconds(30 * 60)) {
        self.calendar = calendar
        self.policy = policy
        self.visitLength = visitLength
    }

    /// - Parameters:
    ///   - occupied: the site's occupied households (the quota's base).
    ///   - lastVisited: the day each household was last visited, in earlier months.
    ///   - visitedThisMonth: households already visited in `month`.
    ///   - notBefore: no visit is proposed before this (the moment of planning).
    public func plan(
        site: String, month: CampaignPeriod, occupied: [Household], lastVisited: [Household: CivilDate] = [:],
        visitedThisMonth: Set<Household> = [], notBefore: Instant, using generator: inout some RandomNumberGenerator
    ) throws(VisitPlanError) -> VisitPlan {
        guard case .month = month else { throw .notAMonth(month) }
        guard !occupied.isEmpty else { throw .noHouseholds }
        guard calendar.localDate(of: notBefore) <= month.lastDay else { throw .monthIsOver(month) }
        let quota = VisitQuota(occupiedHouseholds: occupied.count, policy: policy)
        let alreadyDone = Set(occupied).intersection(visitedThisMonth).count
        let candidates = occupied.filter { !visitedThisMonth.contains($0) }.shuffled(using: &generator)
        // Stable sort keeps the shuffled order among equals.
        let ordered = candidates.enumerated().sorted { a, b in
            let da = lastVisited[a.element]?.daysSinceEpoch ?? Int.min
            let db = lastVisited[b.element]?.daysSinceEpoch ?? Int.min
            return (da, a.offset) < (db, b.offset)
        }.map(\.element)
        let count = min(max(quota.required - alreadyDone, 0), ordered.count)
        let slots = VisitSlots(calendar: calendar, length: visitLength)
        guard let times = slots.spread(count, over: month, notBefore: notBefore) else {
            throw .notEnoughTime(needed: count, slots: availableSlots(slots, month: month, notBefore: notBefore))
        }
        let visits = zip(ordered.prefix(count), times).map { PlannedVisit(household: $0, proposedAt: $1) }
        return VisitPlan(
            id: CampaignID(kind: .household_visits, site: site, period: month), quota: quota,
            alreadyVisitedThisMonth: alreadyDone, visits: visits, summaryDue: policy.summaryDue(for: month))
    }

    private func availableSlots(_ slots: VisitSlots, month: CampaignPeriod, notBefore: Instant) -> Int {
        var day = max(month.firstDay, calendar.localDate(of: notBefore))
        var total = 0
        while day <= month.lastDay {
            total += slots.slots(on: day, notBefore: notBefore).count
            day = day.adding(days: 1)
        }
        return total
    }
}
