/// The state of a paid service (有偿服务).
public enum PaidServiceState: Hashable, Codable, Sendable {
    case requested(PaidServiceFile)
    /// PAID-01: items, area, time and fee agreed.
    case agreed(PaidServiceFile, ServiceTerms)
    /// PAID-01: a ticket issued; work may start.
    case ticketed(PaidServiceFile, ServiceTerms, ticket: String)
    case in_service(PaidServiceFile, ServiceTerms, ticket: String)
    /// PAID-02: done; no charge until the owner accepts.
    case awaiting_acceptance(PaidServiceFile, ServiceTerms, ticket: String)
    /// PAID-03: a monthly contract; each visit is its own order with its own ticket.
    case contract(PaidServiceFile, ServiceTerms, visits: Int)
    case calling_back(PaidServiceFile, CallbackLifecycle)
    case closed(PaidServiceFile)

    public var name: String {
        switch self {
        case .requested: return "requested"
        case .agreed: return "agreed"
        case .ticketed: return "ticketed"
        case .in_service: return "in_service"
        case .awaiting_acceptance: return "awaiting_acceptance"
        case .contract: return "contract"
        case .calling_back: return "calling_back"
        case .closed: return "closed"
        }
    }

    public var file: PaidServiceFile {
        switch self {
        case .requested(let f), .agreed(let f, _), .ticketed(let f, _, _), .in_service(let f, _, _),
            .awaiting_acceptance(let f, _, _), .contract(let f, _, _), .calling_back(let f, _), .closed(let f):
            return f
        }
    }
}

public struct PaidServiceFile: Hashable, Codable, Sendable {
    /// A `RoutingPolicy.paidServices` key, e.g. cleaning, monthly_greening.
    public var service: String
    public var department: Department
    public var monthly: Bool
    /// PAID-03: the contract this visit belongs to.
    public var contract: String?
    public var acceptance: Decision?
    public var reply: OwnerReply?
}

/// PAID-01: what was agreed before work.
public struct ServiceTerms: Hashable, Codable, Sendable {
    public var items: [String]
    public var area: String?
    public var scheduledAt: Instant
    public var feeFen: Int
    public var pricedBy: Actor
}

public enum PaidServiceEvent: Sendable {
    case quoted(items: [String], area: String?, scheduledAt: Instant, feeFen: Int)
    case ticketIssued(String)
    case contractStarted
    case visitScheduled(at: Instant)
    case contractEnded(reply: String)
    case workStarted
    case workDone
    case accepted(ownerSignature: String)
    case notAccepted(reason: String)
    case withdrawn(reply: String)
    case callback(CallbackEvent)
    case timer(TimerPurpose)

    public var name: String {
        switch self {
        case .quoted: return "quoted"
        case .ticketIssued: return "ticket_issued"
        case .contractStarted: return "contract_started"
        case .visitScheduled: return "visit_scheduled"
        case .contractEnded: return "contract_ended"
        case .workStarted: return "work_started"
        case .workDone: return "work_done"
        case .accepted: return "accepted"
        case .notAccepted: return "not_accepted"
        case .withdrawn: return "withdrawn"
        case .callback(let e): return e.name
        case .timer(let p): return p.eventName
        }
    }
}
