import WorkOrderCore

/// RPT-01: the site's monthly complaint report (部门客户投诉工作月报) — what came in,
/// how it was classed, how it was handled against its deadlines, who it was escalated
/// to, the call-backs and what owners said, and which subjects matter most.
public struct ComplaintReport: Hashable, Codable, Sendable {
    public var received: Int
    public var collective: Int
    public var byValidity: [Count]
    public var bySeverity: [Count]
    public var closed: Int
    public var open: Int
    public var escalated: Int
    public var serviceLevels: [ServiceLevel]
    public var callbackRate: CallbackRate
    public var satisfaction: SatisfactionRate
    /// Complaints by subject, with the main subjects marked (SAT-03's rule).
    public var subjects: ParetoTable
    public var complaints: [Line]

    public struct Count: Hashable, Codable, Sendable {
        public var name: String
        public var count: Int
    }

    public struct Line: Hashable, Codable, Sendable {
        public var id: String
        public var openedAt: Instant
        public var subject: String
        public var validity: String
        public var severity: String
        public var state: String
        public var escalationLevel: Int
        public var breached: Int
    }

    /// `orders`: the site's orders of the month, of any kind; only complaints are used.
    public init(_ orders: [OrderFacts], context: ReadContext) {
        let complaints = orders.compactMap { facts -> (OrderFacts, ComplaintFile)? in
            guard case .complaint(let state) = facts.order.state else { return nil }
            return (facts, state.file)
        }
        received = complaints.count
        collective = complaints.filter { $0.1.collective }.count
        func tally(_ names: [String], _ value: (ComplaintFile) -> String) -> [Count] {
            names.map { name in Count(name: name, count: complaints.filter { value($0.1) == name }.count) }
        }
        byValidity = tally(ComplaintValidity.allCases.map(\.rawValue) + ["unclassified"]) {
            $0.classification?.validity.rawValue ?? "unclassified"
        }
        bySeverity = tally(ComplaintSeverity.allCases.map(\.rawValue) + ["none"]) {
            $0.classification?.severity?.rawValue ?? "none"
        }
        closed = complaints.filter { $0.0.order.isFinished }.count
        open = received - closed
        escalated = complaints.filter { $0.0.record.escalationLevel > 0 }.count
        let facts = complaints.map(\.0)
        serviceLevels = ServiceLevel.lines(facts)
        callbackRate = CallbackRate(facts: facts, at: context.now)
        satisfaction = SatisfactionRate(answers: facts.flatMap { $0.callbacks.answers.map(\.satisfaction) },
                                        scale: context.policy.satisfaction)
        subjects = ParetoTable(
            counts: complaints.reduce(into: [:]) { $0[$1.1.subject, default: 0] += 1 },
            cutoffPercent: context.policy.satisfaction.paretoCutoffPercent)
        self.complaints = complaints.map { facts, file in
            Line(id: facts.order.id, openedAt: facts.order.openedAt, subject: file.subject,
                 validity: file.classification?.validity.rawValue ?? "unclassified",
                 severity: file.classification?.severity?.rawValue ?? "-", state: facts.order.stateName,
                 escalationLevel: facts.record.escalationLevel, breached: facts.breached.count)
        }.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
    }
}
