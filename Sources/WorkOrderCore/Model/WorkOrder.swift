/// A work order as the server stores it: identity, where it came from, the policy version
/// it started under, its kind's current state, and its links to other orders.
public struct WorkOrder: Hashable, Codable, Sendable {
    public var id: String
    public var kind: OrderKind
    public var site: String
    public var household: Household
    public var owner: Owner
    public var channel: Channel
    public var subject: String
    /// What the owner said, as recorded at intake (IN-01): the technician and the
    /// supervisor read it, not only the subject.
    public var content: String
    public var openedAt: Instant
    /// The `PolicySet.version` in force when the order was opened.
    public var policyVersion: String
    public var state: OrderState
    public var links: [OrderLink]
    /// IN-04: repeated reports are handled with priority.
    public var priority: Bool

    public init(
        id: String, kind: OrderKind, site: String, household: Household, owner: Owner, channel: Channel,
        subject: String, content: String = "", openedAt: Instant, policyVersion: String, state: OrderState,
        links: [OrderLink] = [], priority: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.site = site
        self.household = household
        self.owner = owner
        self.channel = channel
        self.subject = subject
        self.content = content
        self.openedAt = openedAt
        self.policyVersion = policyVersion
        self.state = state
        self.links = links
        self.priority = priority
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, site, household, owner, channel, subject, content, openedAt, policyVersion, state, links, priority
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(OrderKind.self, forKey: .kind)
        site = try c.decode(String.self, forKey: .site)
        household = try c.decode(Household.self, forKey: .household)
        owner = try c.decode(Owner.self, forKey: .owner)
        channel = try c.decode(Channel.self, forKey: .channel)
        subject = try c.decode(String.self, forKey: .subject)
        // Orders stored before the owner's words were kept have none.
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
        openedAt = try c.decode(Instant.self, forKey: .openedAt)
        policyVersion = try c.decode(String.self, forKey: .policyVersion)
        state = try c.decode(OrderState.self, forKey: .state)
        links = try c.decode([OrderLink].self, forKey: .links)
        priority = try c.decode(Bool.self, forKey: .priority)
    }

    /// The name of the current state, as in the kind's transition table.
    public var stateName: String { state.name }

    /// Whether the order has ended (no further events are accepted).
    public var isFinished: Bool { state.isFinal }
}

/// The state of an order, whichever its kind.
public enum OrderState: Hashable, Codable, Sendable {
    case complaint(ComplaintState)
    case repair(RepairState)
    case paid_service(PaidServiceState)
    case help(HelpState)
    case renovation(RenovationState)
    case move_in(MoveInState)

    public var name: String {
        switch self {
        case .complaint(let s): return s.name
        case .repair(let s): return s.name
        case .paid_service(let s): return s.name
        case .help(let s): return s.name
        case .renovation(let s): return s.name
        case .move_in(let s): return s.name
        }
    }

    public var isFinal: Bool {
        OrderKind.table(for: kind).finals.contains(name)
    }

    public var kind: OrderKind {
        switch self {
        case .complaint: return .complaint
        case .repair: return .repair
        case .paid_service: return .paid_service
        case .help: return .help
        case .renovation: return .renovation
        case .move_in: return .move_in
        }
    }
}

extension OrderKind {
    /// The transition table the kind's machine enforces (and `wo workflows graph` draws).
    public static func table(for kind: OrderKind) -> TransitionTable {
        switch kind {
        case .complaint: return ComplaintOrder.transitionTable
        case .repair: return RepairOrder.transitionTable
        case .paid_service: return PaidServiceOrder.transitionTable
        case .help: return HelpOrder.transitionTable
        case .renovation: return RenovationOrder.transitionTable
        case .move_in: return MoveInOrder.transitionTable
        }
    }

    public var transitionTable: TransitionTable { Self.table(for: self) }
}
