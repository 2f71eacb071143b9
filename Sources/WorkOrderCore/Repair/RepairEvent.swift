public enum RepairEvent: Sendable {
    case onSite
    case arrivalChecked(onTime: Bool)
    case ownerAbsent(newAppointment: Instant, noteLeft: Bool)
    case ownerPostponed(newAppointment: Instant)
    case diagnosisChanged(String)
    case materialsQuoted(items: [String], amountFen: Int, ownerAgreed: Bool)
    case referred(supplier: String, reply: String)
    case completed(Completion)
    case leakTestPassed
    case leakTestFailed(note: String)
    case feeFixed(amountFen: Int)
    case callback(CallbackEvent)
    case timer(TimerPurpose)

    public var name: String {
        switch self {
        case .onSite: return "on_site"
        case .arrivalChecked: return "arrival_checked"
        case .ownerAbsent: return "owner_absent"
        case .ownerPostponed: return "owner_postponed"
        case .diagnosisChanged: return "diagnosis_changed"
        case .materialsQuoted: return "materials_quoted"
        case .referred: return "referred"
        case .completed: return "completed"
        case .leakTestPassed: return "leak_test_passed"
        case .leakTestFailed: return "leak_test_failed"
        case .feeFixed: return "fee_fixed"
        case .callback(let e): return e.name
        case .timer(let p): return p.eventName
        }
    }

    /// REP-04, REP-05: what completion must carry.
    public struct Completion: Sendable {
        public var ownerAccepted: Bool
        public var ownerSignature: String?
        public var materialsUsed: Bool
        public var feeFen: Int?
        public var summary: String
    }
}

extension RepairOrder {
    static func decode(_ event: OrderEvent, context: MachineContext) throws(Rejection) -> RepairEvent {
        if let callback = try CallbackEvent.decode(event, context: context) { return .callback(callback) }
        let f = FieldReader(fields: event.fields, source: "event '\(event.name)'")
        switch event.name {
        case "on_site": return .onSite
        case "arrival_checked": return .arrivalChecked(onTime: try f.bool("on_time"))
        case "owner_absent":
            return .ownerAbsent(newAppointment: try f.instant("new_appointment_at"), noteLeft: try f.optionalBool("note_left") ?? false)
        case "owner_postponed": return .ownerPostponed(newAppointment: try f.instant("new_appointment_at"))
        case "diagnosis_changed": return .diagnosisChanged(try f.string("diagnosis"))
        case "materials_quoted":
            return .materialsQuoted(items: try f.strings("items"), amountFen: try f.int("amount_fen", in: FieldReader.fen), ownerAgreed: try f.bool("owner_agreed"))
        case "referred": return .referred(supplier: try f.string("supplier"), reply: try f.string("reply"))
        case "completed":
            return .completed(RepairEvent.Completion(
                ownerAccepted: try f.optionalBool("owner_accepted") ?? false, ownerSignature: try f.optionalString("owner_signature"),
                materialsUsed: try f.optionalBool("materials_used") ?? false, feeFen: try f.optionalInt("fee_fen", in: FieldReader.fen),
                summary: try f.optionalString("summary") ?? "repair completed"))
        case "leak_test_passed": return .leakTestPassed
        case "leak_test_failed": return .leakTestFailed(note: try f.string("note"))
        case "fee_fixed": return .feeFixed(amountFen: try f.int("amount_fen", in: FieldReader.fen))
        default: throw unknown(event)
        }
    }

    static func name(of event: RepairEvent) -> String { event.name }

    static func timerEvent(_ purpose: TimerPurpose) -> RepairEvent {
        CallbackEvent(timer: purpose).map { .callback($0) } ?? .timer(purpose)
    }
}
