import WorkOrderCore

/// CB-08: the share of requests whose owner was reached by a call-back, against the
/// 90–100% target. A request counts once its call-back was due (or it has ended):
/// requests whose first call-back is still in the future are shown apart, not as misses,
/// and complaints that sampling left without one (CB-03) were never due one.
public struct CallbackRate: Hashable, Codable, Sendable {
    /// Requests whose call-back was due, or that have ended.
    public var due: Int
    public var reached: Int
    public var notYetDue: Int
    /// Complaints the CB-03 sampling left without a call-back: not in `due`.
    public var notSampled: Int
    public var percent: Double?
    public var targetPercent: Double
    public var meetsTarget: Bool?

    /// The lower end of CB-08's 90–100%.
    public static let targetPercent: Double = 90

    /// Kinds whose handling ends in call-backs (CB-01 … CB-03, PAID-04).
    public static let calledBackKinds: Set<OrderKind> = [.complaint, .repair, .paid_service]

    public init(facts: [OrderFacts], at now: Instant) {
        var due = 0, reached = 0, notYetDue = 0, notSampled = 0
        for order in facts where Self.calledBackKinds.contains(order.order.kind) {
            let log = order.callbacks
            if log.wasReached {
                due += 1
                reached += 1
            } else if log.notSampled {
                notSampled += 1
            } else if order.order.isFinished || (log.firstDue.map { $0 <= now } ?? false) {
                due += 1
            } else if log.firstDue != nil {
                notYetDue += 1
            }
        }
        self.due = due
        self.reached = reached
        self.notYetDue = notYetDue
        self.notSampled = notSampled
        percent = due == 0 ? nil : Double(reached) * 100 / Double(due)
        targetPercent = Self.targetPercent
        meetsTarget = percent.map { $0 >= Self.targetPercent }
    }
}
