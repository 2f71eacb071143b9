import ArgumentParser
import WorkOrderCore
import WorkOrderReports
import WorkOrderStore

/// `wo overdue`: what is late now, by site and department, worst first.
struct OverdueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "List the deadlines late now, by site and department, the latest first · 超时时限",
        discussion: "A missed deadline stays late until someone acts on the order or it moves on.")

    @Option(help: "Only this site.") var site: String?
    @Option(help: "Only this department.") var department: String?
    @OptionGroup var read: ReadOptions

    func run() async throws { try await reading(read.language.chosen, perform) }

    private func perform() async throws {
        let department = try ReadArguments.department(department)
        try await ReadSession.run(read, site: site) { session in
            var orders = try await session.facts(OrderFilter(site: site)) { !$0.isFinished }
            if let department { orders = orders.filter { $0.record.departments.first == department } }
            let report = OverdueReport(orders, context: session.context)
            try session.emit(report) { style in report.document(policy: session.policy, locale: session.locale).text(style) }
        }
    }
}
