/// The company's procedures as data: everything a machine reads that a property company
/// might want to change. Loaded from `workflows/` by `WorkflowPolicy.PolicyLoader`.
///
/// Every property has the seeds' value as its default, so tests can start from
/// `PolicySet(version:)` and change one value; the loader requires every key explicitly.
public struct PolicySet: Hashable, Sendable {
    /// Recorded on every order opened under this policy.
    public var version: String
    public var complaint = ComplaintPolicy()
    public var repair = RepairPolicy()
    public var paidService = PaidServicePolicy()
    public var help = HelpPolicy()
    public var renovation = RenovationPolicy()
    public var moveIn = MoveInPolicy()
    public var callbacks = CallbackPolicy()
    public var routing = RoutingPolicy()
    public var escalation = EscalationPolicy()
    public var satisfaction = SatisfactionScale()
    public var visitQuotas = VisitQuotaPolicy()
    /// Extra notifications on events, per kind (e.g. REN-04: permit issued → engineering, security).
    public var notifications: [NotificationRule] = []
    /// Business calendars by name; `siteCalendars` maps a site to one of them.
    public var calendars: [String: BusinessCalendar] = [PolicySet.defaultCalendarName: BusinessCalendar(name: PolicySet.defaultCalendarName)]
    public var siteCalendars: [String: String] = [:]
    /// IN-02: a request handled on the spot is reported to the site office within this.
    public var onSpotReportWithin: PolicyDuration = .elapsed(.seconds(3600))

    public static let defaultCalendarName = "cn-mainland"

    public init(version: String) {
        self.version = version
    }

    /// The calendar of `site`, or the default calendar.
    public func calendar(forSite site: String) -> BusinessCalendar {
        let name = siteCalendars[site] ?? PolicySet.defaultCalendarName
        return calendars[name] ?? calendars[PolicySet.defaultCalendarName] ?? BusinessCalendar(name: name)
    }
}

/// Notify roles or departments whenever `event` is accepted on an order of `kind`, or
/// whenever such an order enters `state` (from another state).
public struct NotificationRule: Hashable, Codable, Sendable {
    public var kind: OrderKind
    public var event: String?
    public var state: String?
    public var roles: [Role]
    public var departments: [Department]
    public var reason: String

    public init(kind: OrderKind, event: String? = nil, state: String? = nil, roles: [Role] = [], departments: [Department] = [], reason: String) {
        self.kind = kind
        self.event = event
        self.state = state
        self.roles = roles
        self.departments = departments
        self.reason = reason
    }

    func applies(to kind: OrderKind, event: String, from: String, to: String) -> Bool {
        guard kind == self.kind else { return false }
        if let e = self.event, e == event { return true }
        if let s = state, s == to, from != to { return true }
        return false
    }

    var actions: [WorkflowAction] {
        roles.map { .notify(role: $0, reason: reason) }
            + departments.map { .dispatch(to: $0, task: DispatchTask(summary: reason)) }
    }
}

/// CMP-11 and the like: who an order goes to next when it cannot be solved or a
/// deadline passes, and how it keeps climbing while nobody acts.
public struct EscalationPolicy: Hashable, Sendable {
    public var complaintChain: [Role] = [.cs_supervisor, .site_director, .complaint_centre, .deputy_gm, .gm]
    /// REP-01: an immediate repair with nobody on site.
    public var repairChain: [Role] = [.engineering_supervisor, .site_director, .deputy_gm, .gm]
    /// Whose duty each deadline is, when that role stands on the chain: its miss goes to
    /// the rung above (CMP-04's contact is the CS supervisor's: its miss goes to the site
    /// director). A deadline not listed goes to the next rung up.
    public var duties: [TimerPurpose: Role] = [.contact_owner: .cs_supervisor, .collective_report: .site_director]
    /// While nobody acts on an order escalated for a missed deadline, it goes one rung
    /// higher after this long, up to the top of its chain; nil: it stays where it is.
    public var climbAfter: PolicyDuration? = .elapsed(.seconds(2 * 3600))
    public init() {}

    /// The level (1-based rung) a missed deadline of `purpose` goes to, given the level
    /// the order already reached on `chain`.
    public func levelForMiss(of purpose: TimerPurpose?, on chain: [Role], current: Int) -> Int {
        var level = current + 1
        if let purpose, let duty = duties[purpose], let index = chain.firstIndex(of: duty) {
            level = max(level, index + 2)
        }
        return level
    }
}

/// Which department gets what (complaint subjects, paid services).
public struct RoutingPolicy: Hashable, Sendable {
    public var complaintSubjects: [String: Department] = [
        "staff_attitude": .customer_service, "staff_attitude_serious": .customer_service,
        "in_home_urgent": .engineering, "in_home_simple_repair": .engineering, "in_home_other_repair": .engineering,
        "public_hazard": .engineering, "public_repair": .engineering,
        "neighbour_behaviour": .customer_service, "other": .customer_service,
    ]
    public var paidServices: [String: Department] = [
        "cleaning": .cleaning, "monthly_cleaning": .cleaning, "move_in_cleaning": .cleaning,
        "greening": .greening, "monthly_greening": .greening, "repair": .engineering,
    ]
    public var repairs: Department = .engineering
    public init() {}
}

/// The answers a call-back or survey may record, and which of them count as satisfied (SAT-01).
public struct SatisfactionScale: Hashable, Sendable {
    public var levels: [String] = ["very_satisfied", "satisfied", "fairly_satisfied", "dissatisfied"]
    public var satisfied: [String] = ["very_satisfied", "satisfied", "fairly_satisfied"]
    /// SAT-04: the monthly target, in percent.
    public var monthlyTargetPercent: Double = 90
    /// SAT-02: survey return rate below which points are taken off, and how many per point.
    public var minimumReturnPercent: Double = 60
    public var penaltyPerMissingPoint: Double = 5
    /// SAT-03: the cumulative share that marks the main items to improve.
    public var paretoCutoffPercent: Double = 80
    public init() {}

    public func isSatisfied(_ level: String) -> Bool { satisfied.contains(level) }
}
