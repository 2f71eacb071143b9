/// The repair machine (REP-01 … REP-07, CB-01, CB-02).
public struct RepairOrder: Sendable {
    public internal(set) var state: RepairState

    public init(state: RepairState) {
        self.state = state
    }

    mutating func handle(_ event: RepairEvent, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        var file = state.file
        let climbing = Escalation.stopClimbing(file.deadlines, context: context)
        let actions = try transition(event, file: &file, context: context) + climbing
        file.deadlines.track(actions)
        state = state.with(file)
        return actions
    }

    private mutating func transition(_ event: RepairEvent, file: inout RepairFile, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        let policy = context.policy.repair
        switch (state, event) {
        case (_, .onSite):
            file.arrivals.append(context.decision)
            var actions: [WorkflowAction] = [.record("technician \(context.actor.id) on site")]
            if file.deadlines.due(.on_site) != nil { actions.insert(context.cancel(.on_site), at: 0) }
            state = .on_site(file)
            return actions
        case (_, .arrivalChecked(let onTime)):
            try context.require([policy.arrivalCheckBy], to: "check the technician's arrival", rule: "REP-06")
            file.arrivalChecks.append(context.decision)
            let line = "arrival checked by phone: technician " + (onTime ? "on time" : "late")
            return onTime ? [.record(line)] : [.record(line), .notify(role: .cs_supervisor, reason: line)]
        case (_, .ownerAbsent(let next, let noteLeft)):
            guard noteLeft else { throw .violation("REP-03", "when the owner is absent a note is left (note_left: true)") }
            guard next > context.now else { throw Rejection(.invalid_field, "the new appointment must be in the future", rule: "REP-03") }
            file.missedAppointments += 1
            state = .scheduled(file, appointment: next)
            return [.record("owner absent; note left; new appointment \(next, in: context.calendar)"),
                    .dispatch(to: context.policy.routing.repairs, task: DispatchTask(summary: "repair at new appointment", dueBy: next)),
                    context.arm(.arrival_check, at: next)]
        case (.scheduled, .ownerPostponed(let next)):
            guard next > context.now else { throw Rejection(.invalid_field, "the new appointment must be in the future", rule: "REP-03") }
            file.missedAppointments += 1
            state = .scheduled(file, appointment: next)
            return [.notify(role: policy.postponementNotify, reason: "owner postponed the repair to \(next, in: context.calendar)"),
                    .dispatch(to: context.policy.routing.repairs, task: DispatchTask(summary: "repair at new appointment", dueBy: next)),
                    context.arm(.arrival_check, at: next)]
        case (.on_site, .diagnosisChanged(let diagnosis)):
            file.diagnosis = diagnosis
            return [.replyToOwner(form: .on_the_spot, content: "inspection changed the diagnosis: \(diagnosis)")]
        case (.on_site, .materialsQuoted(let items, let amount, let agreed)):
            guard agreed else { throw .violation("REP-04", "materials are bought for the owner only once the owner agrees the quote") }
            file.materialsQuote = MaterialsQuote(items: items, amountFen: amount, agreed: context.decision)
            return [.record("materials quoted and agreed: \(items.joined(separator: ", ")) for \(amount) fen")]
        case (_, .referred(let supplier, let reply)):
            file.reply = OwnerReply(form: .phone, content: reply, by: context.actor, at: context.now)
            state = .referred(file, supplier: supplier)
            return file.deadlines.cancelAll(context) + [.replyToOwner(form: .phone, content: reply),
                                                       .record("referred to listed supplier \(supplier)")]
        case (.on_site, .completed(let completion)):
            return try complete(completion, file: &file, context: context)
        case (.awaiting_leak_test, .leakTestPassed):
            return [.record("leak test passed")] + startCallbacks(file: file, context: context)
        case (.awaiting_leak_test, .leakTestFailed(let note)):
            state = .on_site(file)
            return [.dispatch(to: context.policy.routing.repairs, task: DispatchTask(summary: "leak test failed: \(note)"))]
        case (_, .feeFixed(let amount)):
            try context.require(policy.feeFixedBy, to: "fix a repair fee after completion", rule: "REP-05")
            guard file.feePending else { throw .violation("REP-05", "the fee was already settled at completion") }
            file.feePending = false
            return [.charge(amountFen: amount, item: "repair", ticket: nil)]
        case (.calling_back(_, var lifecycle), .callback(let event)):
            let actions = try lifecycle.handle(event, context: context)
            state = lifecycle.isFinished ? .closed(file) : .calling_back(file, lifecycle)
            return actions
        case (_, .timer(let purpose)):
            return try timerFired(purpose, file: &file, context: context)
        default:
            throw Rejection(.internal_inconsistency, "repair: '\(event.name)' in '\(state.name)' has no handler")
        }
    }
}
