import WorkOrderCore

/// `wo stats`: one site's orders opened in a period — counts, SLA compliance per
/// deadline, the call-back rate (CB-08), the satisfaction rate (SAT-01, SAT-04), the
/// survey (SAT-02) and the Pareto of dissatisfaction causes (SAT-03).
public struct SiteStats: Hashable, Codable, Sendable {
    public var site: String
    public var first: CivilDate
    public var last: CivilDate
    public var at: Instant
    public var orders: Int
    public var byKind: [KindCount]
    public var byState: [StateCount]
    public var serviceLevels: [ServiceLevel]
    public var callbackRate: CallbackRate
    public var satisfaction: SatisfactionRate
    /// Nil: no survey recorded (surveys are paper campaigns no program records yet).
    public var survey: SurveyReturn?
    /// Dissatisfied call-back answers by cause.
    public var dissatisfaction: ParetoTable

    public struct KindCount: Hashable, Codable, Sendable {
        public var kind: OrderKind
        public var count: Int
    }

    public struct StateCount: Hashable, Codable, Sendable {
        public var kind: OrderKind
        public var state: String
        public var count: Int
    }

    /// `orders` are the site's orders opened in `period`; answers count with their order.
    public init(site: String, period: ReportPeriod, orders: [OrderFacts], survey: SurveyReturn? = nil, context: ReadContext) {
        self.site = site
        first = period.first
        last = period.last
        at = context.now
        self.orders = orders.count
        let kinds = OrderKind.allCases
        byKind = kinds.compactMap { kind in
            let n = orders.filter { $0.order.kind == kind }.count
            return n == 0 ? nil : KindCount(kind: kind, count: n)
        }
        var states: [String: StateCount] = [:]
        for facts in orders {
            let key = "\(facts.order.kind.rawValue)/\(facts.order.stateName)"
            states[key, default: StateCount(kind: facts.order.kind, state: facts.order.stateName, count: 0)].count += 1
        }
        byState = states.values.sorted {
            (kinds.firstIndex(of: $0.kind) ?? 0, $0.state) < (kinds.firstIndex(of: $1.kind) ?? 0, $1.state)
        }
        serviceLevels = ServiceLevel.lines(orders)
        callbackRate = CallbackRate(facts: orders, at: context.now)
        let scale = context.policy.satisfaction
        satisfaction = SatisfactionRate(answers: orders.flatMap { $0.callbacks.answers.map(\.satisfaction) }, scale: scale)
        self.survey = survey
        dissatisfaction = ParetoTable(counts: Self.dissatisfiedCauses(orders, scale: scale), cutoffPercent: scale.paretoCutoffPercent)
    }

    /// Dissatisfied answers (on the scale, not counted as satisfied) per cause.
    static func dissatisfiedCauses(_ orders: [OrderFacts], scale: SatisfactionScale) -> [String: Int] {
        var counts: [String: Int] = [:]
        for facts in orders {
            for answer in facts.callbacks.answers {
                guard let level = answer.satisfaction, !scale.isSatisfied(level) else { continue }
                counts[facts.cause, default: 0] += 1
            }
        }
        return counts
    }
}
