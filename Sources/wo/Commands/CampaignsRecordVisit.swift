import ArgumentParser
import WorkOrderCampaigns
import WorkOrderCore

/// `wo campaigns record visit`: a household visit done, or tried and not done (RPT-02).
struct CampaignsRecordVisit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: "Record a household visit (or an attempt that found nobody) in a month's visits.",
        discussion: "Refused: a visit at or after 22:00, outside the month, in the future, or to a household already "
            + "visited that month. A household off the plan may be recorded; it counts towards the quota."
    )

    @OptionGroup var options: CampaignOptions
    @Option(help: "The month of the visits, YYYY-MM.") var month: String
    @Option(help: "The household, building-unit-room.") var household: String
    @Option(help: "Staff id of the visitor.") var by: String
    @Option(help: "When, local YYYY-MM-DD HH:MM (default: now).") var at: String?
    @Flag(help: "The visit did not take place (nobody home, owner declined).") var notDone = false
    @Option(help: "A short note (no owner's name or phone).") var note = ""

    func run() async throws {
        let month = try CampaignArguments.month(self.month)
        let household = try CampaignArguments.household(self.household)
        let staff = try CampaignArguments.staff(by)
        try await CampaignsContext.open(options).run { c in
            let id = CampaignID(kind: .household_visits, site: c.site, period: month)
            _ = try await c.plan(id)
            let when = try CampaignArguments.instant(at, calendar: c.calendar, now: c.now)
            let done = try await c.outcomes(kind: .household_visits).filter {
                $0.result == .visited && month.contains(c.calendar.localDate(of: $0.at))
            }
            var doneThisMonth: [Household: Instant] = [:]
            for visit in done { doneThisMonth[visit.household] = min(doneThisMonth[visit.household] ?? visit.at, visit.at) }
            do {
                // An attempt may be repeated; only a done visit must be the household's first.
                try VisitRecordCheck(calendar: c.calendar).check(
                    household: household, at: when, month: month, doneThisMonth: notDone ? [:] : doneThisMonth, now: c.now)
            } catch {
                throw CampaignsFailure("\(error)")
            }
            let outcome = CampaignOutcome(household: household, result: notDone ? .not_visited : .visited, by: staff, at: when, note: note)
            try await c.append(outcome, to: id)
            try CampaignsOutput.recorded(outcome, in: id, calendar: c.calendar, json: options.json)
        }
    }
}
