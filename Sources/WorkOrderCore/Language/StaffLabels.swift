/// People's names for the machine names: kinds, states, events, roles, departments and
/// deadlines. A name without a label reads as itself, so English (no labels) prints the
/// machine names and a label file that misses a new state still shows something.
public struct StaffLabels: Hashable, Sendable {
    public var kinds: [OrderKind: String]
    public var states: [String: String]
    public var events: [String: String]
    public var roles: [Role: String]
    public var departments: [Department: String]
    public var deadlines: [TimerPurpose: String]

    public init(
        kinds: [OrderKind: String] = [:], states: [String: String] = [:], events: [String: String] = [:],
        roles: [Role: String] = [:], departments: [Department: String] = [:], deadlines: [TimerPurpose: String] = [:]
    ) {
        self.kinds = kinds
        self.states = states
        self.events = events
        self.roles = roles
        self.departments = departments
        self.deadlines = deadlines
    }

    /// No labels: every name reads as itself.
    public static let machineNames = StaffLabels()

    public func kind(_ kind: OrderKind) -> String { kinds[kind] ?? kind.rawValue }
    public func role(_ role: Role) -> String { roles[role] ?? role.rawValue }
    public func department(_ department: Department) -> String { departments[department] ?? department.rawValue }
    public func deadline(_ purpose: TimerPurpose) -> String { deadlines[purpose] ?? purpose.rawValue }
    public func state(_ name: String) -> String { states[name] ?? name }

    /// An event's label; `rejected:<event>` (a refused transition in a history) keeps its
    /// prefix's meaning with the event's label.
    public func event(_ name: String) -> String {
        if let label = events[name] { return label }
        if name.hasPrefix("rejected:"), let label = events["rejected"] {
            return label + ":" + event(String(name.dropFirst("rejected:".count)))
        }
        return name
    }

    /// A name as it travels in messages (`repair`, `customer_service`, `cs_staff`); any
    /// other text as it is.
    public func kind(named name: String) -> String { OrderKind(rawValue: name).map(kind) ?? name }
    public func role(named name: String) -> String { Role(rawValue: name).map(role) ?? name }
    public func department(named name: String) -> String {
        Department(rawValue: String(name.map { $0 == "-" ? "_" : $0 })).map(department) ?? name
    }
    public func deadline(named name: String) -> String { TimerPurpose(rawValue: name).map(deadline) ?? name }
}

extension StaffLabels {
    /// Every state an order of any kind (or its call-back lifecycle) can be in.
    public static var knownStates: [String] {
        unique(OrderKind.allCases.flatMap { $0.transitionTable.states } + CallbackLifecycle.transitionTable.states)
    }

    /// Every event a history or `wo watch` can show: the transition tables' events, the
    /// timers' events, and the events the engine and the server record themselves.
    public static var knownEvents: [String] {
        unique(
            ["opened"] + OrderKind.allCases.flatMap { $0.transitionTable.events } + CallbackLifecycle.transitionTable.events
                + TimerPurpose.allCases.map(\.eventName) + [SupervisorEscalation.eventName] + CollectiveBinding.eventNames.sorted()
                + recordedEvents)
    }

    /// History rows the server writes beside transitions (a deadline set, a reply sent…),
    /// and `rejected`, the prefix of a refused transition's row.
    public static let recordedEvents = [
        "note", "deadline_set", "deadline_cleared", "reply_to_owner", "callback_scheduled", "callback_task",
        "charge", "refund_deposit", "timer_failed", "rejected",
    ]

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
