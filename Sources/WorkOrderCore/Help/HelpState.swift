/// HELP-01: the types of help request.
public enum HelpType: String, Hashable, Codable, CaseIterable, Sendable {
    case medical, incident, consultation, repair, complaint, paid_service, other

    /// *Special* requests endanger life, property or public order.
    public var isSpecial: Bool { self == .medical || self == .incident }

    /// HELP-05: the kind of work order this request becomes, if any.
    public var orderKind: OrderKind? {
        switch self {
        case .repair: return .repair
        case .complaint: return .complaint
        case .paid_service: return .paid_service
        default: return nil
        }
    }
}

/// The state of a help request.
public enum HelpState: Hashable, Codable, Sendable {
    /// Medical emergency or incident: security dispatched, director told (HELP-02, HELP-03).
    case emergency(HelpFile, EmergencyLog)
    /// HELP-04: answered by a deadline by topic.
    case consultation(HelpFile)
    case general(HelpFile)
    /// HELP-05: became a work order of another kind (final; the owner was told).
    case converted(HelpFile, into: OrderKind)
    case closed(HelpFile)

    public var name: String {
        switch self {
        case .emergency: return "emergency"
        case .consultation: return "consultation"
        case .general: return "general"
        case .converted: return "converted"
        case .closed: return "closed"
        }
    }

    public var file: HelpFile {
        switch self {
        case .emergency(let f, _), .consultation(let f), .general(let f), .converted(let f, _), .closed(let f): return f
        }
    }
}

public struct HelpFile: Hashable, Codable, Sendable {
    public var type: HelpType
    public var special: Bool
    /// HELP-02: where the emergency is.
    public var floor: String?
    public var topic: String?
    public var written: Bool
    public var reply: OwnerReply?
    public var deadlines = DeadlineBook()
}

/// HELP-02: the steps of a medical emergency, each with who and when.
public struct EmergencyLog: Hashable, Codable, Sendable {
    public var staffArrived: Decision?
    public var steps: [String: Decision] = [:]
}

public enum EmergencyStep: String, Hashable, Codable, CaseIterable, Sendable {
    case called_120, ambulance_met, relatives_told, escorted_to_hospital, police_called, scene_secured
}

public enum HelpEvent: Sendable {
    case staffArrived
    case emergencyStep(EmergencyStep)
    case resolved(ContactForm, reply: String)
    case answered(ContactForm, reply: String)
    case timer(TimerPurpose)

    public var name: String {
        switch self {
        case .staffArrived: return "staff_arrived"
        case .emergencyStep: return "emergency_step"
        case .resolved: return "resolved"
        case .answered: return "answered"
        case .timer(let p): return p.eventName
        }
    }
}
