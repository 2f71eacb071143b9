extension MoveInOrder: OrderMachine {
    var stateName: String { state.name }
    var ownerReplied: Bool { state.file.reply != nil }

    static func open(_ intake: IntakeRequest, context: MachineContext) throws(Rejection) -> Opening<MoveInState> {
        let f = FieldReader(fields: intake.fields, source: "move_in intake")
        let buyer = try f.choice("buyer", BuyerCase.self)
        let documents = context.policy.moveIn.documents[buyer] ?? []
        return Opening(
            state: .booked(MoveInFile(buyer: buyer)),
            actions: [.notify(role: .cs_staff, reason: "move-in (\(buyer.rawValue)): bring " + documents.joined(separator: ", "))])
    }

    static func decode(_ event: OrderEvent, context: MachineContext) throws(Rejection) -> MoveInEvent {
        let f = FieldReader(fields: event.fields, source: "event '\(event.name)'")
        switch event.name {
        case "documents_checked": return .documentsChecked(try f.strings("documents"))
        case "registered": return .registered(formFilled: try f.optionalBool("form_filled") ?? false, agreements: try f.strings("agreements"))
        case "items_handed_over": return .itemsHandedOver(items: try f.strings("items"), ownerSignature: try f.string("owner_signature"))
        case "fees_collected": return .feesCollected(try f.amounts("fees"))
        case "inspected":
            return .inspected(
                meters: try f.readings("meters"),
                confirmedByOwner: try f.optionalBool("confirmed_by_owner") ?? false, defects: try f.strings("defects"))
        case "defect_repaired": return .defectRepaired(try f.string("defect"))
        case "reinspection_booked": return .reinspectionBooked(at: try f.instant("at"))
        case "reinspected": return .reinspected(defects: try f.strings("defects"))
        case "signed_off": return .signedOff(ownerSignature: try f.string("owner_signature"))
        case "archived": return .archived(documents: try f.strings("documents"))
        default: throw unknown(event)
        }
    }

    static func name(of event: MoveInEvent) -> String { event.name }
    static func timerEvent(_ purpose: TimerPurpose) -> MoveInEvent { .timer(purpose) }

    static func explainRefusal(_ event: String, in state: String) -> Rejection? {
        if event == "signed_off" && (state == "awaiting_repairs" || state == "awaiting_reinspection") {
            return .violation("MOV-05", "every defect is repaired and re-inspected before the owner signs off")
        }
        return nil
    }

    public static let transitionTable = TransitionTable(
        name: "move_in",
        initial: ["booked"],
        finals: ["archived"],
        transitions: [
            Transition("booked", "documents_checked", "documents_checked", rule: "MOV-01"),
            Transition("documents_checked", "registered", "registered", rule: "MOV-02"),
            Transition("registered", "items_handed_over", "handed_over", rule: "MOV-03"),
            Transition("handed_over", "fees_collected", "fees_paid", rule: "MOV-04"),
            Transition("fees_paid", "inspected", "awaiting_repairs", rule: "MOV-05"),
            Transition("fees_paid", "inspected", "awaiting_sign_off", rule: "MOV-05"),
            Transition("awaiting_repairs", "defect_repaired", "awaiting_repairs", rule: "MOV-05"),
            Transition("awaiting_repairs", "reinspection_booked", "awaiting_reinspection", rule: "MOV-05"),
            Transition("awaiting_reinspection", "reinspected", "awaiting_repairs", rule: "MOV-05"),
            Transition("awaiting_reinspection", "reinspected", "awaiting_sign_off", rule: "MOV-05"),
            Transition("awaiting_sign_off", "signed_off", "signed_off", rule: "MOV-05"),
            Transition("signed_off", "archived", "archived", rule: "MOV-06"),
        ]
    )
}
