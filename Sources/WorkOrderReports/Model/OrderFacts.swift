import Foundation
import WorkOrderCore

/// What every read model needs to know about the moment it is computed for.
public struct ReadContext: Sendable {
    public var now: Instant
    public var risk: RiskThreshold
    public var policy: PolicySet
    /// Show owners' phone numbers in full (`--reveal`); masked otherwise (IN-05).
    public var reveal: Bool

    public init(now: Instant, policy: PolicySet, risk: RiskThreshold = .standard, reveal: Bool = false) {
        self.now = now
        self.policy = policy
        self.risk = risk
        self.reveal = reveal
    }

    public func calendar(forSite site: String) -> BusinessCalendar { policy.calendar(forSite: site) }
}

/// An order with its deadlines and call-backs worked out once.
public struct OrderFacts: Sendable {
    public var record: OrderRecord
    public var deadlines: [TrackedDeadline]
    public var callbacks: CallbackLog

    public init(_ record: OrderRecord, context: ReadContext) {
        self.record = record
        deadlines = DeadlineTracker(risk: context.risk, policy: context.policy).deadlines(of: record, at: context.now)
        callbacks = CallbackLog.read(record.history, scale: context.policy.satisfaction.levels)
    }

    public var order: WorkOrder { record.order }
    public var late: [TrackedDeadline] { deadlines.filter(\.lateNow) }
    public var atRisk: [TrackedDeadline] { deadlines.filter { $0.outcome == .at_risk } }
    public var breached: [TrackedDeadline] { deadlines.filter { $0.outcome == .breached } }
    /// The earliest deadline still running.
    public var nextDue: TrackedDeadline? {
        deadlines.filter { $0.outcome == .open || $0.outcome == .at_risk }.min { $0.due < $1.due }
    }

    /// What a dissatisfied answer is about, for the Pareto table (SAT-03): the kind and
    /// its subject key (complaint subject, paid service) or the subject as recorded.
    public var cause: String {
        switch order.state {
        case .complaint(let s): return "complaint: \(s.file.subject)"
        case .paid_service(let s): return "paid_service: \(s.file.service)"
        default: return "\(order.kind.rawValue): \(order.subject.lowercased().trimmingCharacters(in: .whitespaces))"
        }
    }
}
