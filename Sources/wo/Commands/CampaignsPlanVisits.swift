import ArgumentParser
import WorkOrderCampaigns
import WorkOrderCore

/// `wo campaigns plan visits`: the month's household visits (RPT-02).
struct CampaignsPlanVisits: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visits",
        abstract: "Plan a month's household visits: the quota by occupied households, who, and when to propose.",
        discussion: "Households already visited this month are not planned again; never-visited ones come first. "
            + "Proposed times fall in working hours, never at or after 22:00."
    )

    @OptionGroup var options: CampaignOptions
    @Option(help: "The month, YYYY-MM.") var month: String
    @Option(help: "The occupied households, one building-unit-room a line.") var households: String
    @Option(help: "Propose no visit before this local time (default: now).") var from: String?
    @Option(help: "Minutes per visit slot.") var visitMinutes = 30
    @Option(help: "Seed for the random choice among equals (default: random).") var seed: UInt64?

    func run() async throws {
        let month = try CampaignArguments.month(self.month)
        let occupied = try CampaignArguments.households(households)
        guard visitMinutes > 0 else { throw ValidationError("--visit-minutes must be positive") }
        try await CampaignsContext.open(options).run { c in
            try await c.refuseIfPlanned(CampaignID(kind: .household_visits, site: c.site, period: month))
            let history = try await c.outcomes(kind: .household_visits).filter { $0.result == .visited }
            var lastVisited: [Household: CivilDate] = [:]
            var thisMonth = Set<Household>()
            for visit in history {
                let day = c.calendar.localDate(of: visit.at)
                if month.contains(day) { thisMonth.insert(visit.household) }
                lastVisited[visit.household] = max(lastVisited[visit.household] ?? day, day)
            }
            let notBefore = max(try CampaignArguments.instant(from, calendar: c.calendar, now: c.now), c.calendar.startOfDay(month.firstDay))
            let planner = VisitPlanner(calendar: c.calendar, policy: c.policy.visitQuotas, visitLength: .seconds(visitMinutes * 60))
            let plan: VisitPlan
            do {
                if let seed {
                    var generator = SeededRandom(seed: seed)
                    plan = try planner.plan(site: c.site, month: month, occupied: occupied, lastVisited: lastVisited,
                                            visitedThisMonth: thisMonth, notBefore: notBefore, using: &generator)
                } else {
                    var generator = SystemRandomNumberGenerator()
                    plan = try planner.plan(site: c.site, month: month, occupied: occupied, lastVisited: lastVisited,
                                            visitedThisMonth: thisMonth, notBefore: notBefore, using: &generator)
                }
            } catch {
                throw CampaignsFailure("\(error)")
            }
            try await c.save(.visits(plan: plan))
            if options.json { try CampaignJSON.print(plan) } else { CampaignsOutput.show(plan, calendar: c.calendar) }
        }
    }
}
