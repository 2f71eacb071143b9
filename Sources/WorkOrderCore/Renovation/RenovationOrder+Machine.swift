extension RenovationOrder: OrderMachine {
    var stateName: String { state.name }
    var ownerReplied: Bool { state.file.reply != nil }

    static func open(_ intake: IntakeRequest, context: MachineContext) throws(Rejection) -> Opening<RenovationState> {
        let f = FieldReader(fields: intake.fields, source: "renovation intake")
        let file = RenovationFile(
            applicant: try f.choice("applicant", Applicant.self), structuralChange: try f.optionalBool("structural_change") ?? false,
            heavierLoad: try f.optionalBool("heavier_load") ?? false)
        var actions: [WorkflowAction] = [.notify(role: .cs_staff, reason: "check identity and documents (\(file.applicant.rawValue))")]
        if file.needsAuthority { actions.append(.record("structural change / heavier loads: housing authority approval required")) }
        return Opening(state: .applied(file), actions: actions)
    }

    static func decode(_ event: OrderEvent, context: MachineContext) throws(Rejection) -> RenovationEvent {
        let f = FieldReader(fields: event.fields, source: "event '\(event.name)'")
        switch event.name {
        case "identity_checked": return .identityChecked(documents: try f.strings("documents"))
        case "agreement_signed":
            return .agreementSigned(rulesRestated: try f.optionalBool("rules_restated") ?? false, planReviewed: try f.optionalBool("plan_reviewed") ?? false)
        case "authority_approved": return .authorityApproved(reference: try f.string("reference"))
        case "permit_issued":
            return .permitIssued(
                startDate: try f.string("start_date"), endDate: try f.string("end_date"), personInCharge: try f.string("person_in_charge"),
                passes: try f.strings("passes"), depositFen: try f.int("deposit_fen", in: FieldReader.fen))
        case "works_finished": return .worksFinished
        case "final_inspection": return .finalInspection(passed: try f.bool("passed"), notes: try f.optionalString("notes") ?? "")
        case "refused": return .refused(reply: try f.string("reply"))
        default: throw unknown(event)
        }
    }

    static func name(of event: RenovationEvent) -> String { event.name }
    static func timerEvent(_ purpose: TimerPurpose) -> RenovationEvent { .timer(purpose) }

    static func explainRefusal(_ event: String, in state: String) -> Rejection? {
        if event == "permit_issued" && state == "awaiting_authority" {
            return .violation("REN-03", "structural change or heavier loads: no permit until the housing authority's approval is recorded (authority_approved)")
        }
        return nil
    }

    public static let transitionTable = TransitionTable(
        name: "renovation",
        initial: ["applied"],
        finals: ["closed", "refused"],
        transitions: [
            Transition("applied", "identity_checked", "identified", rule: "REN-01"),
            Transition("identified", "agreement_signed", "agreed", rule: "REN-02"),
            Transition("identified", "agreement_signed", "awaiting_authority", rule: "REN-03"),
            Transition("awaiting_authority", "authority_approved", "agreed", rule: "REN-03"),
            Transition("agreed", "permit_issued", "under_way", rule: "REN-04"),
            Transition("under_way", "works_finished", "awaiting_inspection", rule: "REN-05"),
            Transition("awaiting_inspection", "final_inspection", "closed", rule: "REN-05"),
            Transition("awaiting_inspection", "final_inspection", "under_way", rule: "REN-05"),
        ] + ["applied", "identified", "agreed", "awaiting_authority"].map { Transition($0, "refused", "refused", rule: "IN-03") }
    )
}
