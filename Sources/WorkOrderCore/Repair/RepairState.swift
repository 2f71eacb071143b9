/// The state of a repair. Every case carries the repair's file.
public enum RepairState: Hashable, Codable, Sendable {
    /// Immediate repair: staff on site within 15 minutes (REP-01).
    case awaiting_technician(RepairFile)
    /// By appointment (REP-03, REP-06).
    case scheduled(RepairFile, appointment: Instant)
    /// The technician is there: inspecting, quoting, working.
    case on_site(RepairFile)
    /// Leak repairs: call-backs count from the leak test (CB-02).
    case awaiting_leak_test(RepairFile)
    case calling_back(RepairFile, CallbackLifecycle)
    /// Not on the in-house list: referred to a listed supplier, with a reply (REP-02).
    case referred(RepairFile, supplier: String)
    case closed(RepairFile)

    public var name: String {
        switch self {
        case .awaiting_technician: return "awaiting_technician"
        case .scheduled: return "scheduled"
        case .on_site: return "on_site"
        case .awaiting_leak_test: return "awaiting_leak_test"
        case .calling_back: return "calling_back"
        case .referred: return "referred"
        case .closed: return "closed"
        }
    }

    public var file: RepairFile {
        switch self {
        case .awaiting_technician(let f), .scheduled(let f, _), .on_site(let f), .awaiting_leak_test(let f),
            .calling_back(let f, _), .referred(let f, _), .closed(let f):
            return f
        }
    }

    func with(_ file: RepairFile) -> RepairState {
        switch self {
        case .awaiting_technician: return .awaiting_technician(file)
        case .scheduled(_, let at): return .scheduled(file, appointment: at)
        case .on_site: return .on_site(file)
        case .awaiting_leak_test: return .awaiting_leak_test(file)
        case .calling_back(_, let c): return .calling_back(file, c)
        case .referred(_, let s): return .referred(file, supplier: s)
        case .closed: return .closed(file)
        }
    }
}

public enum RepairMode: String, Hashable, Codable, CaseIterable, Sendable {
    case immediate, appointment
}

/// Picks the call-back schedule (CB-01, CB-02).
public enum RepairCategory: String, Hashable, Codable, CaseIterable, Sendable {
    case emergency, safety_facility, leak, other

    var schedule: CallbackScheduleName {
        switch self {
        case .emergency: return .repair_emergency
        case .safety_facility: return .repair_safety_facility
        case .leak: return .repair_leak
        case .other: return .repair_other
        }
    }
}

public struct RepairFile: Hashable, Codable, Sendable {
    public var mode: RepairMode
    public var category: RepairCategory
    /// REP-07: free while under warranty.
    public var warrantyUntil: Instant?
    /// REP-01: how far up `escalation.repair` an unattended repair went (nil: never).
    public var escalationLevel: Int?
    public var arrivals: [Decision] = []
    /// REP-06: the engineering supervisor's phone check.
    public var arrivalChecks: [Decision] = []
    /// REP-03: appointments missed (owner absent) or moved (owner postponed).
    public var missedAppointments = 0
    public var diagnosis: String?
    /// REP-04: materials quoted to the owner before work.
    public var materialsQuote: MaterialsQuote?
    public var completion: Decision?
    public var feePending = false
    public var reply: OwnerReply?
    public var deadlines = DeadlineBook()

    func underWarranty(at now: Instant) -> Bool { warrantyUntil.map { now <= $0 } ?? false }
}

public struct MaterialsQuote: Hashable, Codable, Sendable {
    public var items: [String]
    public var amountFen: Int
    public var agreed: Decision
}
