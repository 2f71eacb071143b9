import ArgumentParser
import WorkOrderCampaigns
import WorkOrderCore

/// `wo campaigns status`: a month at a site — visit quota met? survey return rate and
/// penalty? how far the call-back campaigns have got?
struct CampaignsStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where a month's campaigns stand: visit quota, survey return rate and penalty, call-back campaigns.",
        discussion: "Shows the month's visits, the survey of the month's half year (if planned), and every call-back "
            + "campaign whose period overlaps the month."
    )

    @OptionGroup var options: CampaignOptions
    @Option(help: "The month, YYYY-MM.") var month: String

    func run() async throws {
        let month = try CampaignArguments.month(self.month)
        try await CampaignsContext.open(options).run { c in
            var report = CampaignStatusReport(site: c.site, month: month)
            for stored in try await c.store.campaigns(site: c.site, kind: nil) {
                guard let period = CampaignPeriod(parsing: stored.period), period.overlaps(month),
                      let kind = CampaignKind(rawValue: stored.kind) else { continue }
                let id = CampaignID(kind: kind, site: c.site, period: period, topic: Self.topic(of: stored.id, kind: kind))
                let plan = try await c.plan(id)
                switch plan.status(outcomes: try await c.outcomes(id), calendar: c.calendar, scale: c.policy.satisfaction, now: c.now) {
                case .visits(let s): report.visits = s
                case .survey(let s): report.survey = s
                case .callbacks(let s): report.callbacks.append(s)
                }
            }
            if options.json { try CampaignJSON.print(report) } else { CampaignsOutput.show(report, calendar: c.calendar) }
        }
    }

    /// A special campaign's id ends in its topic.
    static func topic(of id: String, kind: CampaignKind) -> String? {
        guard kind == .special_callbacks else { return nil }
        return id.split(separator: "/", maxSplits: 3).dropFirst(3).first.map(String.init)
    }
}

/// What `wo campaigns status` prints, as a table or as JSON.
struct CampaignStatusReport: Codable {
    var site: String
    var month: CampaignPeriod
    var visits: VisitCampaignStatus?
    var survey: SurveyCampaignStatus?
    var callbacks: [CallbackCampaignStatus] = []
}
