import WorkOrderCore

/// One line of `wo list`.
public struct OrderRow: Hashable, Codable, Sendable {
    public var id: String
    public var kind: OrderKind
    public var state: String
    public var site: String
    public var household: String
    public var owner: String
    public var phone: String
    public var subject: String
    public var openedAt: Instant
    public var departments: [Department]
    public var finished: Bool
    /// IN-04: a repeated report, handled with priority.
    public var priority: Bool
    public var escalationLevel: Int
    /// The earliest running deadline.
    public var nextDue: Instant?
    public var nextDuePurpose: TimerPurpose?
    public var atRisk: Int
    /// Deadlines missed over the order's life, and those late now.
    public var breached: Int
    public var lateNow: Int
    /// How late the worst late deadline is, in milliseconds (0 when none is late).
    public var lateByMS: Int64

    public init(_ facts: OrderFacts, context: ReadContext) {
        let order = facts.order
        id = order.id
        kind = order.kind
        state = order.stateName
        site = order.site
        household = order.household.description
        owner = order.owner.name
        phone = PhoneMask.shown(order.owner.phone, reveal: context.reveal)
        subject = order.subject
        openedAt = order.openedAt
        departments = facts.record.departments
        finished = order.isFinished
        priority = order.priority
        escalationLevel = facts.record.escalationLevel
        nextDue = facts.nextDue?.due
        nextDuePurpose = facts.nextDue?.purpose
        atRisk = facts.atRisk.count
        breached = facts.breached.count
        lateNow = facts.late.count
        lateByMS = facts.late.map { $0.lateness(at: context.now).wholeMilliseconds }.max() ?? 0
    }
}
