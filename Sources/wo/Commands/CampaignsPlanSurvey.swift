import ArgumentParser
import WorkOrderCampaigns
import WorkOrderCore

/// `wo campaigns plan survey`: the half-year's satisfaction survey (SAT-02).
struct CampaignsPlanSurvey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Plan a half-year's survey: one form per occupied unit, collected within 15 working days.",
        discussion: "The forms go out in June (H1) or December (H2); by default on the month's first working day."
    )

    @OptionGroup var options: CampaignOptions
    @Option(help: "The half year, YYYY-H1 or YYYY-H2.") var half: String
    @Option(help: "The occupied households, one building-unit-room a line.") var households: String
    @Option(help: "The day the forms go out, YYYY-MM-DD (default: the first working day of the survey month).")
    var handOut: String?

    func run() async throws {
        let half = try CampaignArguments.half(self.half)
        let occupied = try CampaignArguments.households(households)
        let handOutDay = try handOut.map(CampaignArguments.day)
        try await CampaignsContext.open(options).run { c in
            try await c.refuseIfPlanned(CampaignID(kind: .satisfaction_survey, site: c.site, period: half))
            let plan: SurveyPlan
            do {
                plan = try SurveyPlanner(calendar: c.calendar, scale: c.policy.satisfaction)
                    .plan(site: c.site, half: half, occupied: occupied, handOutOn: handOutDay)
            } catch {
                throw CampaignsFailure("\(error)")
            }
            try await c.save(.survey(plan: plan))
            if options.json { try CampaignJSON.print(plan) } else { CampaignsOutput.show(plan, calendar: c.calendar) }
        }
    }
}
