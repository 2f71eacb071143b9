import ArgumentParser
import WorkOrderCore
import WorkOrderReports
import WorkOrderStore

/// `wo list`: orders with filters and sorting.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List work orders, filtered and sorted · 工单列表",
        discussion: "Dates are the site's local dates, both ends included. Reads the store read-only: safe while wo serve runs.")

    @Option(help: "complaint, repair, paid_service, help, renovation or move_in.") var kind: String?
    @Option(help: "A state name of the kind (see wo workflows graph).") var state: String?
    @Option(help: "engineering, cleaning, greening, security or customer_service.") var department: String?
    @Option(help: "Site code.") var site: String?
    @Option(help: "Household as building-unit-room, e.g. 5-2-301.") var household: String?
    @Option(help: "Opened on or after this date (YYYY-MM-DD).") var from: String?
    @Option(help: "Opened on or before this date (YYYY-MM-DD).") var to: String?
    @Flag(help: "Only orders with a deadline late now.") var overdue = false
    @Flag(help: "Only orders that were escalated.") var escalated = false
    @Flag(name: .customLong("at-risk"), help: "Only orders with a deadline at risk.") var atRisk = false
    @Option(help: "opened, due, late, id, kind, state or site.") var sort: String = "opened"
    @Flag(help: "Reverse the order.") var desc = false
    @Option(help: "At most this many rows.") var limit: Int?
    @OptionGroup var read: ReadOptions

    func run() async throws { try await reading(read.language.chosen, perform) }

    private func perform() async throws {
        var query = OrderQuery()
        query.kind = try ReadArguments.kind(kind)
        query.department = try ReadArguments.department(department)
        guard let sorting = OrderSort(rawValue: sort) else {
            throw ReadError.badArgument(.badSort(sort, OrderSort.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if let limit, limit < 1 { throw ReadError.badArgument(.badLimit) }
        if let household, household.split(separator: "-").count != 3 {
            throw ReadError.badArgument(.badHousehold(household))
        }
        let period = try ReadArguments.period(month: nil, from: from, to: to)
        (query.state, query.site, query.household, query.overdue, query.escalated, query.atRisk) = (state, site, household, overdue, escalated, atRisk)
        (query.sort, query.descending, query.limit) = (sorting, desc, limit)
        try await ReadSession.run(read, site: site) { session in
            if let period {
                (query.openedFrom, query.openedBefore) = period.instants(in: session.policy.calendar(forSite: site ?? ""))
            }
            let rows = query.apply(to: try await session.facts(query.storeFilter).map { OrderRow($0, context: session.context) })
            try session.emit(rows) { style in
                rows.isEmpty ? OrderRow.noneMatch(locale: session.locale) + "\n" : OrderRow.table(rows, policy: session.policy, locale: session.locale).text(style) + "\n"
            }
        }
    }
}
