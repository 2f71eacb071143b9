import ArgumentParser
import WorkOrderCore
import WorkOrderReports
import WorkOrderStore

/// `wo show <order id | intake message id>`: an order's whole record.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an order's timeline, deadlines, escalations, call-backs and linked orders · 工单详情",
        discussion: "Accepts the order id or the AMQP message id of the intake that opened it.")

    @Argument(help: "An order id, or the message id of the intake message that opened it.")
    var id: String

    @OptionGroup var read: ReadOptions

    func run() async throws { try await reading(read.language.chosen, perform) }

    private func perform() async throws {
        try await ReadSession.run(read) { session in
            let store = session.store
            var found = try await store.order(id: id)
            if found == nil { found = try await store.order(intakeMessageID: id) }
            guard let order = found else {
                throw ReadError(.noOrder(id))
            }
            guard let record = try await OrderRecords.load([order], from: store).first else {
                throw ReadError(.orderVanished(id))
            }
            // Orders opened from this one record the link; this one does not.
            let neighbours = try await store.orders(matching: OrderFilter(site: order.site, household: order.household.description))
            let linkedFrom = neighbours.filter { $0.id != order.id && $0.links.contains { $0.order == order.id } }
            let timeline = OrderTimeline(OrderFacts(record, context: session.context), linkedFrom: linkedFrom, context: session.context)
            try session.emit(timeline) { style in
                timeline.document(policy: session.policy, at: session.context.now, locale: session.locale).text(style)
            }
        }
    }
}
