/// The state of a complaint. Every case carries the complaint's file; later cases carry
/// what only exists from then on.
public enum ComplaintState: Hashable, Codable, Sendable {
    /// Recorded, waiting for the CS supervisor's classification (CMP-01).
    case received(ComplaintFile)
    /// Valid: the CS supervisor must contact the owner (CMP-04).
    case awaiting_contact(ComplaintFile)
    /// Valid, owner contacted, reply time agreed; being handled.
    case in_hand(ComplaintFile, agreedReplyAt: Instant)
    /// Assisted: reported to the solving party, followed up (CMP-05).
    case assisted(ComplaintFile, AssistedHandling)
    /// Invalid: to be explained to the owner within 2 hours (CMP-06).
    case invalid(ComplaintFile)
    /// Handled; the reply to the owner is due (CMP-07).
    case handled(ComplaintFile, HandlingResult)
    case calling_back(ComplaintFile, CallbackLifecycle)
    case closed(ComplaintFile)

    public var name: String {
        switch self {
        case .received: return "received"
        case .awaiting_contact: return "awaiting_contact"
        case .in_hand: return "in_hand"
        case .assisted: return "assisted"
        case .invalid: return "invalid"
        case .handled: return "handled"
        case .calling_back: return "calling_back"
        case .closed: return "closed"
        }
    }

    /// The same state with another file.
    func with(_ file: ComplaintFile) -> ComplaintState {
        switch self {
        case .received: return .received(file)
        case .awaiting_contact: return .awaiting_contact(file)
        case .in_hand(_, let at): return .in_hand(file, agreedReplyAt: at)
        case .assisted(_, let a): return .assisted(file, a)
        case .invalid: return .invalid(file)
        case .handled(_, let r): return .handled(file, r)
        case .calling_back(_, let c): return .calling_back(file, c)
        case .closed: return .closed(file)
        }
    }

    public var file: ComplaintFile {
        switch self {
        case .received(let f), .awaiting_contact(let f), .in_hand(let f, _), .assisted(let f, _), .invalid(let f),
            .handled(let f, _), .calling_back(let f, _), .closed(let f):
            return f
        }
    }
}

/// What is known about a complaint whatever its state.
public struct ComplaintFile: Hashable, Codable, Sendable {
    /// CMP-09 subject key.
    public var subject: String
    public var written: Bool
    /// CMP-02: households complaining together.
    public var households: Int
    public var collective: Bool
    /// CMP-02: for a household's complaint bound to a collective, the complaint that made
    /// it collective (which carries the director's special report); nil for that one.
    public var collectiveLead: String?
    /// CMP-03: the director's contact with the households and special incident report.
    public var collectiveReport: Decision?
    /// CMP-12: passed down by the company complaint centre.
    public var passedDownByCentre: Bool
    public var reportedBack: Decision?
    /// CMP-10: harm still going on at intake; must be contained before handling ends.
    public var harmOngoing: Bool
    public var harmContained: Decision?
    /// CMP-09: someone responded (on site / at the door).
    public var responded: Decision?
    public var classification: ComplaintClassification?
    /// CMP-11: how far up the escalation chain (0: not escalated).
    public var escalationLevel: Int
    /// CMP-08 owner's own deadline for a minor complaint.
    public var ownerDeadline: Instant?
    public var deadlines: DeadlineBook
    public var reply: OwnerReply?
}

/// CMP-01: the class, recorded with who decided and when.
public struct ComplaintClassification: Hashable, Codable, Sendable {
    public var validity: ComplaintValidity
    public var severity: ComplaintSeverity?
    public var decided: Decision
}

public enum ComplaintValidity: String, Hashable, Codable, CaseIterable, Sendable {
    case valid, assisted, invalid
}

/// CMP-05: who must solve an assisted complaint and whether they have it in writing.
public struct AssistedHandling: Hashable, Codable, Sendable {
    public var solvingParty: String
    public var reportedInWriting: Decision?
    public var progressTold: Int
}

public struct HandlingResult: Hashable, Codable, Sendable {
    public var onTheSpot: Bool
    public var summary: String
    public var decided: Decision
}
