import WorkOrderCore
import WorkOrderStore

/// Everything the store keeps about one order, gathered once so every read model
/// (list, timeline, statistics, reports) is a pure function of it and the time.
public struct OrderRecord: Sendable {
    public var order: WorkOrder
    /// Oldest first, as the server appended it.
    public var history: [HistoryRecord]
    /// Timers still armed in the store.
    public var armedTimers: [ArmedTimer]
    /// Escalations and notifications the server sent about the order.
    public var followups: [Followup]
    /// Work handed to departments.
    public var dispatches: [Dispatch]

    public init(order: WorkOrder, history: [HistoryRecord] = [], armedTimers: [ArmedTimer] = [],
                followups: [Followup] = [], dispatches: [Dispatch] = []) {
        self.order = order
        self.history = history
        self.armedTimers = armedTimers
        self.followups = followups
        self.dispatches = dispatches
    }

    public var escalations: [Followup] { followups.filter(\.isEscalation) }

    /// The highest escalation level reached (0: never escalated).
    public var escalationLevel: Int {
        let sent = escalations.map { $0.level ?? 1 }.max() ?? 0
        if case .complaint(let state) = order.state { return max(sent, state.file.escalationLevel) }
        return sent
    }

    /// The departments the order concerns: those it was dispatched to, or else the one
    /// its kind belongs to (customer service owns what is never dispatched).
    public var departments: [Department] {
        let sent = Set(dispatches.map(\.department))
        if !sent.isEmpty { return Department.allCases.filter(sent.contains) }
        if case .paid_service(let state) = order.state { return [state.file.department] }
        return [order.kind == .repair ? .engineering : .customer_service]
    }
}

/// A follow-up message (`wo.followups`): a notification or an escalation.
public struct Followup: Hashable, Codable, Sendable {
    public var type: String
    public var role: String
    public var level: Int?
    public var reason: String
    public var at: Instant

    public init(type: String, role: String, level: Int?, reason: String, at: Instant) {
        self.type = type
        self.role = role
        self.level = level
        self.reason = reason
        self.at = at
    }

    public var isEscalation: Bool { type == "escalation" }
}

/// Work handed to a department queue.
public struct Dispatch: Hashable, Codable, Sendable {
    public var department: Department
    public var summary: String
    public var at: Instant

    public init(department: Department, summary: String, at: Instant) {
        self.department = department
        self.summary = summary
        self.at = at
    }
}
