import WorkOrderCore

/// RPT-03: the month's repair and service statistics — counts per kind, the call-back
/// rate, satisfaction, and recurring problems: the same cause at the same household
/// more than once in the month, or reported again (IN-04).
public struct ServiceReport: Hashable, Codable, Sendable {
    public var byKind: [KindLine]
    public var callbackRate: CallbackRate
    public var satisfaction: SatisfactionRate
    public var recurring: [Recurring]
    /// Orders opened as a repeat of an earlier report.
    public var repeatReports: Int

    public struct KindLine: Hashable, Codable, Sendable {
        public var kind: OrderKind
        public var opened: Int
        public var finished: Int
    }

    public struct Recurring: Hashable, Codable, Sendable {
        public var household: String
        public var cause: String
        public var orders: [String]
    }

    /// Complaints have their own report (RPT-01); everything else is here.
    public init(_ orders: [OrderFacts], context: ReadContext) {
        let services = orders.filter { $0.order.kind != .complaint }
        byKind = OrderKind.allCases.filter { $0 != .complaint }.map { kind in
            let ofKind = services.filter { $0.order.kind == kind }
            return KindLine(kind: kind, opened: ofKind.count, finished: ofKind.filter { $0.order.isFinished }.count)
        }
        callbackRate = CallbackRate(facts: services, at: context.now)
        satisfaction = SatisfactionRate(answers: services.flatMap { $0.callbacks.answers.map(\.satisfaction) },
                                        scale: context.policy.satisfaction)
        let groups = Dictionary(grouping: services) { "\($0.order.household)\u{0}\($0.cause)" }
        recurring = groups.values.filter { $0.count > 1 }.map { group in
            Recurring(household: group[0].order.household.description, cause: group[0].cause,
                      orders: group.map(\.order.id).sorted())
        }.sorted { ($1.orders.count, $0.household, $0.cause) < ($0.orders.count, $1.household, $1.cause) }
        repeatReports = services.filter { facts in
            facts.order.priority || facts.order.links.contains { $0.relation == .repeat_report_of }
        }.count
    }
}
