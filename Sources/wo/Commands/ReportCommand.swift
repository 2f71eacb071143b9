import ArgumentParser
import Foundation
import WorkOrderCore
import WorkOrderReports
import WorkOrderStore

/// `wo report monthly`: the reports due by the 5th of the next month.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports for site directors · 报告",
        subcommands: [Monthly.self])
}

extension ReportCommand {
    struct Monthly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The monthly complaint report (RPT-01), repair and service statistics (RPT-03) and visit quota (RPT-02) · 月度报告",
            discussion: "Printed as text; --output DIR also writes <site>-<month>.md and <site>-<month>.csv there.")

        @Option(help: "Site code.") var site: String
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(name: .customLong("occupied-households"), help: "Occupied households at the site, for the visit quota (RPT-02).")
        var occupiedHouseholds: Int?
        @Option(help: "Folder to write the Markdown and CSV files to.") var output: String?
        @OptionGroup var read: ReadOptions

        func run() async throws { try await reading(read.language.chosen, perform) }

        private func perform() async throws {
            let period = try ReadArguments.month(month)
            if let occupiedHouseholds, occupiedHouseholds < 0 { throw ReadError.badArgument(.badOccupied) }
            try await ReadSession.run(read, site: site) { session in
                let (start, end) = period.instants(in: session.policy.calendar(forSite: site))
                let orders = try await session.facts(OrderFilter(site: site, openedFrom: start, openedBefore: end))
                // Visits are recorded by `wo campaigns`; a store without campaign records has none.
                var visits: Int?
                if let campaigns = session.store as? any CampaignStore {
                    let outcomes = try await campaigns.campaignOutcomes(site: site, kind: "household_visits")
                    visits = VisitQuota.householdsVisited(outcomes, from: start, before: end)
                }
                let report = MonthlyReport(
                    site: site, year: period.first.year, month: period.first.month, orders: orders,
                    occupiedHouseholds: occupiedHouseholds, visitsRecorded: visits, context: session.context)
                let document = report.document(policy: session.policy, locale: session.locale)
                if let output { try write(report, document, to: output, language: session.locale.language) }
                try session.emit(report) { style in document.text(style) }
            }
        }

        private func write(_ report: MonthlyReport, _ document: Document, to folder: String, language: StaffLanguage) throws {
            let base = URL(fileURLWithPath: folder).appendingPathComponent("\(report.site)-\(report.month)")
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try document.markdown().write(to: base.appendingPathExtension("md"), atomically: true, encoding: .utf8)
                try report.csv().write(to: base.appendingPathExtension("csv"), atomically: true, encoding: .utf8)
            } catch {
                throw ReadError(.cannotWriteReport(folder, error.localizedDescription))
            }
            var standardError = StandardError()
            print(Phrase.wroteReport(base.path).text(language), to: &standardError)
        }
    }
}
