import ArgumentParser
import WorkOrderCore
import WorkOrderReports
import WorkOrderStore

/// `wo stats --site S --month YYYY-MM` (or `--from/--to`): a site's figures for a period.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts, SLA compliance, call-back rate, satisfaction and dissatisfaction causes for a site and period · 统计",
        discussion: """
            The period selects orders by the local date they were opened; their deadlines, call-backs and answers \
            count with them whenever they happened. Survey figures (SAT-02) come from the survey `wo campaigns` \
            planned and recorded for the month's half year, or from --survey-sent and --survey-returned.
            """)

    @Option(help: "Site code.") var site: String
    @Option(help: "A month, YYYY-MM.") var month: String?
    @Option(help: "First day, YYYY-MM-DD.") var from: String?
    @Option(help: "Last day, YYYY-MM-DD.") var to: String?
    @Option(name: .customLong("survey-sent"), help: "Survey forms handed out (SAT-02).") var surveySent: Int?
    @Option(name: .customLong("survey-returned"), help: "Survey forms returned (SAT-02).") var surveyReturned: Int?
    @OptionGroup var read: ReadOptions

    func run() async throws { try await reading(read.language.chosen, perform) }

    private func perform() async throws {
        guard let period = try ReadArguments.period(month: month, from: from, to: to) else {
            throw ReadError.badArgument(.givePeriod)
        }
        let survey = try surveyFigures()
        try await ReadSession.run(read, site: site) { session in
            let (start, end) = period.instants(in: session.policy.calendar(forSite: site))
            let orders = try await session.facts(OrderFilter(site: site, openedFrom: start, openedBefore: end))
            // Given figures win; otherwise the survey `wo campaigns` recorded for the month's half year.
            var recorded: SurveyReturn?
            if survey == nil, month != nil {
                recorded = try await RecordedSurvey.returns(
                    store: session.store, site: site, month: period, policy: session.policy, now: session.context.now)
            }
            let stats = SiteStats(
                site: site, period: period, orders: orders,
                survey: survey.map { SurveyReturn(sent: $0.0, returned: $0.1, scale: session.policy.satisfaction) } ?? recorded,
                context: session.context)
            try session.emit(stats) { style in stats.document(locale: session.locale).text(style) }
        }
    }

    private func surveyFigures() throws -> (Int, Int)? {
        switch (surveySent, surveyReturned) {
        case (nil, nil): return nil
        case (let sent?, let returned?):
            guard sent > 0, (0...sent).contains(returned) else {
                throw ReadError.badArgument(.badSurveyReturned)
            }
            return (sent, returned)
        default: throw ReadError.badArgument(.giveBothSurvey)
        }
    }
}
