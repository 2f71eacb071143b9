extension RepairOrder {
    /// REP-04, REP-05, REP-07, then call-backs (CB-01, CB-02).
    mutating func complete(_ completion: RepairEvent.Completion, file: inout RepairFile, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        if completion.materialsUsed && file.materialsQuote == nil {
            throw .violation("REP-04", "materials bought for the owner must be quoted (materials_quoted) before the work")
        }
        guard completion.ownerAccepted, let signature = completion.ownerSignature else {
            throw .violation("REP-05", "on completion the owner tests and accepts the work and signs the work order (owner_accepted, owner_signature)")
        }
        let free = file.underWarranty(at: context.now)
        if free, let fee = completion.feeFen, fee > 0, let until = file.warrantyUntil {
            throw .violation("REP-07", "the repair is under warranty until \(until, in: context.calendar): it is free")
        }
        file.completion = context.decision
        let content = "\(completion.summary); accepted and signed by \(signature)"
        file.reply = OwnerReply(form: .on_the_spot, content: content, by: context.actor, at: context.now)
        var actions = file.deadlines.cancelAll(context) + [.replyToOwner(form: .on_the_spot, content: content)]
        if free {
            actions.append(.record("free repair: under warranty"))
        } else if let fee = completion.feeFen {
            actions.append(.charge(amountFen: fee + (file.materialsQuote?.amountFen ?? 0), item: "repair", ticket: nil))
        } else {
            file.feePending = true
            actions += context.policy.repair.feeFixedBy.map { .notify(role: $0, reason: "fix the fee for this repair (REP-05)") }
        }
        let supervisorCall = context.due(context.policy.callbacks.repairSupervisorCallWithin)
        actions.append(.notify(role: .engineering_supervisor, reason: "call the owner about this repair by \(supervisorCall, in: context.calendar)"))
        if file.category == .leak {
            state = .awaiting_leak_test(file)
            return actions + [.dispatch(to: context.policy.routing.repairs, task: DispatchTask(summary: "leak test"))]
        }
        return actions + startCallbacks(file: file, context: context)
    }

    /// CB-01, CB-02: the schedule by category, from now (completion or leak test).
    mutating func startCallbacks(file: RepairFile, context: MachineContext) -> [WorkflowAction] {
        let rounds = context.policy.callbacks.schedules[file.category.schedule] ?? []
        guard let (lifecycle, actions) = CallbackLifecycle.start(
            rounds: rounds, from: context.now, responsible: context.policy.routing.repairs, context: context)
        else {
            state = .closed(file)
            return []
        }
        state = .calling_back(file, lifecycle)
        return actions
    }

    func timerFired(_ purpose: TimerPurpose, file: inout RepairFile, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        guard file.deadlines.due(purpose) != nil else {
            throw Rejection(.stale_timer, "the repair has no running '\(purpose.rawValue)' deadline")
        }
        var book = file.deadlines
        book.track([context.cancel(purpose)])
        file.deadlines = book
        let escalation = Escalation(chain: context.policy.escalation.repairChain, policy: context.policy.escalation)
        switch purpose {
        case .on_site:
            // REP-01: the technician's miss goes to the first rung, and climbs while nobody comes.
            file.escalationLevel = 1
            return escalation.actions(
                toLevel: 1, reason: "nobody on site within \(context.policy.repair.immediateOnSiteWithin)", climbs: true, context: context)
        case .escalation:
            let level = (file.escalationLevel ?? 1) + 1
            guard level <= escalation.chain.count else { return [] }
            file.escalationLevel = level
            return escalation.actions(toLevel: level, reason: "still nobody on site after escalation to level \(level - 1)", climbs: true, context: context)
        default:
            return [.notify(role: context.policy.repair.arrivalCheckBy, reason: "appointment time: check by phone that the technician arrived")]
        }
    }
}
