/// The state of a renovation permit application (REN-01 … REN-05).
public enum RenovationState: Hashable, Codable, Sendable {
    case applied(RenovationFile)
    /// REN-01: identity checked, copies filed.
    case identified(RenovationFile)
    /// REN-02: rules restated, agreement signed, plan reviewed.
    case agreed(RenovationFile)
    /// REN-03: structural change or heavier loads: the housing authority must approve first.
    case awaiting_authority(RenovationFile)
    /// REN-04, REN-05: permit and passes issued; works under way.
    case under_way(RenovationFile, RenovationPermit)
    case awaiting_inspection(RenovationFile, RenovationPermit)
    case closed(RenovationFile)
    case refused(RenovationFile)

    public var name: String {
        switch self {
        case .applied: return "applied"
        case .identified: return "identified"
        case .agreed: return "agreed"
        case .awaiting_authority: return "awaiting_authority"
        case .under_way: return "under_way"
        case .awaiting_inspection: return "awaiting_inspection"
        case .closed: return "closed"
        case .refused: return "refused"
        }
    }

    public var file: RenovationFile {
        switch self {
        case .applied(let f), .identified(let f), .agreed(let f), .awaiting_authority(let f), .under_way(let f, _),
            .awaiting_inspection(let f, _), .closed(let f), .refused(let f):
            return f
        }
    }
}

public enum Applicant: String, Hashable, Codable, CaseIterable, Sendable {
    case owner, agent
}

public struct RenovationFile: Hashable, Codable, Sendable {
    public var applicant: Applicant
    public var structuralChange: Bool
    public var heavierLoad: Bool
    public var identityChecked: Decision?
    public var documentsFiled: [String] = []
    public var agreementSigned: Decision?
    /// REN-03: the authority's approval reference.
    public var authorityApproval: String?
    public var inspections: [Decision] = []
    public var reply: OwnerReply?

    public var needsAuthority: Bool { structuralChange || heavierLoad }
}

/// REN-04, REN-05: what the permit records.
public struct RenovationPermit: Hashable, Codable, Sendable {
    public var startDate: String
    public var endDate: String
    public var personInCharge: String
    public var passes: [String]
    public var depositFen: Int
    public var issued: Decision
}

public enum RenovationEvent: Sendable {
    case identityChecked(documents: [String])
    case agreementSigned(rulesRestated: Bool, planReviewed: Bool)
    case authorityApproved(reference: String)
    case permitIssued(startDate: String, endDate: String, personInCharge: String, passes: [String], depositFen: Int)
    case worksFinished
    case finalInspection(passed: Bool, notes: String)
    case refused(reply: String)
    case timer(TimerPurpose)

    public var name: String {
        switch self {
        case .identityChecked: return "identity_checked"
        case .agreementSigned: return "agreement_signed"
        case .authorityApproved: return "authority_approved"
        case .permitIssued: return "permit_issued"
        case .worksFinished: return "works_finished"
        case .finalInspection: return "final_inspection"
        case .refused: return "refused"
        case .timer(let p): return p.eventName
        }
    }
}
