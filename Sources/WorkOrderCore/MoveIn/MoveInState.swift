/// The state of a new owner's move-in (MOV-01 … MOV-06).
public enum MoveInState: Hashable, Codable, Sendable {
    case booked(MoveInFile)
    /// MOV-01: documents checked for the buyer case.
    case documents_checked(MoveInFile)
    /// MOV-02: registration form filled, agreements signed.
    case registered(MoveInFile)
    /// MOV-03: items handed over against the owner's signature.
    case handed_over(MoveInFile)
    /// MOV-04: fees collected.
    case fees_paid(MoveInFile)
    /// MOV-05: defects found; each is a repair order.
    case awaiting_repairs(MoveInFile)
    case awaiting_reinspection(MoveInFile, appointment: Instant)
    case awaiting_sign_off(MoveInFile)
    /// The owner signed off; archive next (MOV-06).
    case signed_off(MoveInFile)
    case archived(MoveInFile)

    public var name: String {
        switch self {
        case .booked: return "booked"
        case .documents_checked: return "documents_checked"
        case .registered: return "registered"
        case .handed_over: return "handed_over"
        case .fees_paid: return "fees_paid"
        case .awaiting_repairs: return "awaiting_repairs"
        case .awaiting_reinspection: return "awaiting_reinspection"
        case .awaiting_sign_off: return "awaiting_sign_off"
        case .signed_off: return "signed_off"
        case .archived: return "archived"
        }
    }

    public var file: MoveInFile {
        switch self {
        case .booked(let f), .documents_checked(let f), .registered(let f), .handed_over(let f), .fees_paid(let f),
            .awaiting_repairs(let f), .awaiting_reinspection(let f, _), .awaiting_sign_off(let f), .signed_off(let f), .archived(let f):
            return f
        }
    }
}

public struct MoveInFile: Hashable, Codable, Sendable {
    public var buyer: BuyerCase
    public var documents: [String] = []
    public var meterReadings: [String: Double] = [:]
    /// MOV-05: defects still open, by description.
    public var openDefects: [String] = []
    public var defectsFound = 0
    public var signedOff: Decision?
    public var reply: OwnerReply?
}

public enum MoveInEvent: Sendable {
    case documentsChecked([String])
    case registered(formFilled: Bool, agreements: [String])
    case itemsHandedOver(items: [String], ownerSignature: String)
    case feesCollected([String: Int])
    case inspected(meters: [String: Double], confirmedByOwner: Bool, defects: [String])
    case defectRepaired(String)
    case reinspectionBooked(at: Instant)
    case reinspected(defects: [String])
    case signedOff(ownerSignature: String)
    case archived(documents: [String])
    case timer(TimerPurpose)

    public var name: String {
        switch self {
        case .documentsChecked: return "documents_checked"
        case .registered: return "registered"
        case .itemsHandedOver: return "items_handed_over"
        case .feesCollected: return "fees_collected"
        case .inspected: return "inspected"
        case .defectRepaired: return "defect_repaired"
        case .reinspectionBooked: return "reinspection_booked"
        case .reinspected: return "reinspected"
        case .signedOff: return "signed_off"
        case .archived: return "archived"
        case .timer(let p): return p.eventName
        }
    }
}
