import ArgumentParser
import WorkOrderCampaigns
import WorkOrderCore

/// `wo campaigns record callback`: one call of a call-back campaign (CB-09).
struct CampaignsRecordCallback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callback",
        abstract: "Record a campaign call-back: reached (with the owner's answer) or not reached."
    )

    @OptionGroup var options: CampaignOptions
    @Option(help: "daily, special, quarterly or annual.") var campaign: CallbackCampaignName
    @Option(help: "The campaign's period, as planned.") var period: String
    @Option(help: "A special campaign's topic.") var topic: String?
    @Option(help: "The household called.") var household: String
    @Option(help: "Staff id of the caller.") var by: String
    @Option(help: "When, local YYYY-MM-DD HH:MM (default: now).") var at: String?
    @Option(help: "The owner's answer on the satisfaction scale (workflows/satisfaction.yaml levels).") var answer: String?
    @Flag(help: "The owner could not be reached.") var notReached = false
    @Option(help: "A short note (no owner's name or phone).") var note = ""

    func run() async throws {
        guard let period = CampaignPeriod(parsing: self.period) else { throw ValidationError("'\(self.period)' is not a period") }
        let household = try CampaignArguments.household(self.household)
        let staff = try CampaignArguments.staff(by)
        if notReached && answer != nil { throw ValidationError("an owner not reached gives no answer") }
        try await CampaignsContext.open(options).run { c in
            if let answer, !c.policy.satisfaction.levels.contains(answer) {
                throw CampaignsFailure("unknown answer '\(answer)'; expected one of " + c.policy.satisfaction.levels.joined(separator: ", "))
            }
            let id = CampaignID(kind: campaign.kind, site: c.site, period: period, topic: campaign == .special ? topic : nil)
            guard case .callbacks(let plan) = try await c.plan(id) else { throw CampaignsFailure("\(id) is not a call-back campaign") }
            guard plan.calls.contains(where: { $0.household == household }) else {
                throw CampaignsFailure("\(household) is not on \(id)'s list")
            }
            let when = try CampaignArguments.instant(at, calendar: c.calendar, now: c.now)
            guard when <= c.now else { throw CampaignsFailure("\(c.calendar.localDescription(of: when)) is in the future") }
            let outcome = CampaignOutcome(household: household, result: notReached ? .not_reached : .reached, by: staff, at: when,
                                          answer: answer, note: note)
            try await c.append(outcome, to: id)
            try CampaignsOutput.recorded(outcome, in: id, calendar: c.calendar, json: options.json)
        }
    }
}
