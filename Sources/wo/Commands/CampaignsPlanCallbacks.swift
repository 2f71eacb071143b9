import ArgumentParser
import WorkOrderCampaigns
import WorkOrderCore
import WorkOrderStore

/// `wo campaigns plan callbacks`: a daily, special, quarterly or annual call-back
/// campaign (CB-09). Daily and quarterly campaigns call the households whose
/// requests are in the store; annual and special ones take a households file.
struct CampaignsPlanCallbacks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks",
        abstract: "Plan a call-back campaign: daily (YYYY-MM-DD), quarterly (YYYY-Qn), annual (YYYY) or special (YYYY-MM-DD + topic).",
        discussion: "daily: households whose requests came in since the previous working day. "
            + "quarterly: households with requests in the previous quarter. "
            + "annual: every household in --households. special: the households in --households, on one --topic."
    )

    @OptionGroup var options: CampaignOptions
    @Option(help: "daily, special, quarterly or annual.") var campaign: CallbackCampaignName
    @Option(help: "The campaign's period: a day, a quarter or a year.") var period: String
    @Option(help: "Households to call (annual and special campaigns).") var households: String?
    @Option(help: "What a special campaign is about, e.g. water-outage.") var topic: String?
    @Option(help: "A special campaign's last day, YYYY-MM-DD.") var until: String?

    func run() async throws {
        guard let period = CampaignPeriod(parsing: self.period) else { throw ValidationError("'\(self.period)' is not a period") }
        let kind = campaign.kind
        let listed = try households.map(CampaignArguments.households) ?? []
        if (kind == .annual_callbacks || kind == .special_callbacks) && households == nil {
            throw ValidationError("a \(campaign.rawValue) campaign needs --households")
        }
        if let topic, topic.contains("/") || topic.contains(" ") { throw ValidationError("--topic is one word, e.g. water-outage") }
        let lastDay = try until.map(CampaignArguments.day)
        try await CampaignsContext.open(options).run { c in
            try await c.refuseIfPlanned(CampaignID(kind: kind, site: c.site, period: period, topic: kind == .special_callbacks ? topic : nil))
            let planner = CallbackCampaignPlanner(calendar: c.calendar)
            var requests: [RequestSummary] = []
            if let window = planner.requestWindow(kind, period: period) {
                let orders = try await c.store.orders(matching: OrderFilter(
                    site: c.site, openedFrom: c.calendar.startOfDay(window.from),
                    openedBefore: c.calendar.startOfDay(window.to.adding(days: 1))))
                requests = orders.map { RequestSummary(orderID: $0.id, household: $0.household, openedAt: $0.openedAt) }
            }
            let plan: CallbackCampaignPlan
            do {
                plan = try planner.plan(kind, site: c.site, period: period, topic: topic, requests: requests,
                                        households: listed, until: lastDay)
            } catch {
                throw CampaignsFailure("\(error)")
            }
            try await c.save(.callbacks(plan: plan))
            if options.json { try CampaignJSON.print(plan) } else { CampaignsOutput.show(plan, calendar: c.calendar) }
        }
    }
}

/// The call-back campaigns by the names staff use on the command line.
enum CallbackCampaignName: String, ExpressibleByArgument, CaseIterable {
    case daily, special, quarterly, annual

    var kind: CampaignKind {
        switch self {
        case .daily: return .daily_callbacks
        case .special: return .special_callbacks
        case .quarterly: return .quarterly_callbacks
        case .annual: return .annual_callbacks
        }
    }
}
