import ArgumentParser
import WorkOrderCampaigns
import WorkOrderCore

/// `wo campaigns record survey-return`: survey forms collected back (SAT-02).
struct CampaignsRecordSurveyReturn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey-return",
        abstract: "Record returned survey forms, one household or a file of them.",
        discussion: "A form collected after the deadline is recorded but does not count towards the return rate."
    )

    @OptionGroup var options: CampaignOptions
    @Option(help: "The half year, YYYY-H1 or YYYY-H2.") var half: String
    @Option(help: "The household whose form came back.") var household: String?
    @Option(help: "A file of households whose forms came back, one a line.") var households: String?
    @Option(help: "Staff id of whoever collected the forms.") var by: String
    @Option(help: "When, local YYYY-MM-DD HH:MM (default: now).") var at: String?

    func run() async throws {
        let half = try CampaignArguments.half(self.half)
        guard (household == nil) != (households == nil) else { throw ValidationError("give --household or --households, not both") }
        let returned = try household.map { [try CampaignArguments.household($0)] } ?? CampaignArguments.households(households!)
        let staff = try CampaignArguments.staff(by)
        try await CampaignsContext.open(options).run { c in
            let id = CampaignID(kind: .satisfaction_survey, site: c.site, period: half)
            guard case .survey(let plan) = try await c.plan(id) else { throw CampaignsFailure("\(id) is not a survey") }
            let when = try CampaignArguments.instant(at, calendar: c.calendar, now: c.now)
            guard when <= c.now else { throw CampaignsFailure("\(c.calendar.localDescription(of: when)) is in the future") }
            let issued = Set(plan.households)
            let already = Set(try await c.outcomes(id).map(\.household))
            // Check the whole list first, so a bad line records nothing.
            for h in returned where !issued.contains(h) { throw CampaignsFailure("\(h) was not given a form in \(id)") }
            for h in returned where already.contains(h) { throw CampaignsFailure("\(h)'s form is already recorded as returned") }
            for h in returned {
                try await c.append(CampaignOutcome(household: h, result: .returned, by: staff, at: when), to: id)
            }
            let late = when > plan.collectBy
            try CampaignsOutput.recordedReturns(returned.count, late: late, in: id, json: options.json)
        }
    }
}
