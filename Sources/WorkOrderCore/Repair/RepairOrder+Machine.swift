extension RepairOrder: OrderMachine {
    var stateName: String { state.name }
    var ownerReplied: Bool { state.file.reply != nil }

    /// IN-01 (immediate or by appointment), REP-01, REP-06, REP-07.
    static func open(_ intake: IntakeRequest, context: MachineContext) throws(Rejection) -> Opening<RepairState> {
        let f = FieldReader(fields: intake.fields, source: "repair intake")
        let mode: RepairMode
        do { mode = try f.choice("mode", RepairMode.self) } catch { throw Rejection(.invalid_intake, error.reason, rule: "IN-01") }
        let category = try f.optionalChoice("category", RepairCategory.self) ?? .other
        var file = RepairFile(mode: mode, category: category, warrantyUntil: try f.optionalInstant("warranty_until"))
        let engineering = context.policy.routing.repairs
        var actions: [WorkflowAction]
        let state: RepairState
        switch mode {
        case .immediate:
            let due = context.due(context.policy.repair.immediateOnSiteWithin)
            actions = [.dispatch(to: engineering, task: DispatchTask(summary: "immediate repair: \(intake.subject)", dueBy: due)),
                       context.arm(.on_site, at: due)]
            file.deadlines.track(actions)
            state = .awaiting_technician(file)
        case .appointment:
            let at = try f.instant("appointment_at")
            actions = [.dispatch(to: engineering, task: DispatchTask(summary: "repair by appointment: \(intake.subject)", dueBy: at)),
                       context.arm(.arrival_check, at: at)]
            file.deadlines.track(actions)
            state = .scheduled(file, appointment: at)
        }
        if file.underWarranty(at: context.now) { actions.append(.record("under warranty: free repair")) }
        return Opening(state: state, actions: actions)
    }

    static func explainRefusal(_ event: String, in state: String) -> Rejection? {
        if event == "completed" && (state == "scheduled" || state == "awaiting_technician") {
            return .violation("REP-05", "the technician must be on site, and the owner accept the work, before it is completed")
        }
        return nil
    }

    public static let transitionTable = TransitionTable(
        name: "repair",
        initial: ["awaiting_technician", "scheduled"],
        finals: ["referred", "closed"],
        transitions: [
            Transition("awaiting_technician", "on_site", "on_site", rule: "REP-01"),
            Transition("awaiting_technician", "on_site_overdue", "awaiting_technician", rule: "REP-01"),
            Transition("awaiting_technician", "escalation_overdue", "awaiting_technician", rule: "REP-01"),
            Transition("scheduled", "on_site", "on_site", rule: "REP-03"),
            Transition("scheduled", "arrival_check_due", "scheduled", rule: "REP-06"),
            Transition("on_site", "arrival_check_due", "on_site", rule: "REP-06"),
            Transition("scheduled", "arrival_checked", "scheduled", rule: "REP-06"),
            Transition("on_site", "arrival_checked", "on_site", rule: "REP-06"),
            Transition("scheduled", "owner_absent", "scheduled", rule: "REP-03"),
            Transition("on_site", "owner_absent", "scheduled", rule: "REP-03"),
            Transition("scheduled", "owner_postponed", "scheduled", rule: "REP-03"),
            Transition("on_site", "diagnosis_changed", "on_site", rule: "REP-04"),
            Transition("on_site", "materials_quoted", "on_site", rule: "REP-04"),
            Transition("awaiting_technician", "referred", "referred", rule: "REP-02"),
            Transition("scheduled", "referred", "referred", rule: "REP-02"),
            Transition("on_site", "referred", "referred", rule: "REP-02"),
            Transition("on_site", "completed", "calling_back", rule: "REP-05"),
            Transition("on_site", "completed", "awaiting_leak_test", rule: "CB-02"),
            Transition("on_site", "completed", "closed", rule: "REP-05"),
            Transition("awaiting_leak_test", "leak_test_passed", "calling_back", rule: "CB-02"),
            Transition("awaiting_leak_test", "leak_test_passed", "closed", rule: "CB-02"),
            Transition("awaiting_leak_test", "leak_test_failed", "on_site", rule: "CB-02"),
            Transition("awaiting_leak_test", "fee_fixed", "awaiting_leak_test", rule: "REP-05"),
            Transition("calling_back", "fee_fixed", "calling_back", rule: "REP-05"),
        ] + CallbackLifecycle.embeddedTransitions()
    )
}
