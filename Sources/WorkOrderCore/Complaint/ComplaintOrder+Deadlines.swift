extension ComplaintOrder {
    /// CMP-11: up the escalation chain, recorded on the work transfer slip. A missed
    /// deadline (`missed`) goes to the rung above the role whose duty it was, and keeps
    /// climbing while nobody acts; a handler who cannot solve it passes it one rung up.
    func escalate(
        file: inout ComplaintFile, reason: String, missed: TimerPurpose? = nil, climbs: Bool = false, context: MachineContext
    ) throws(Rejection) -> [WorkflowAction] {
        let policy = context.policy.escalation
        let chain = policy.complaintChain
        guard file.escalationLevel < chain.count else {
            throw .violation("CMP-11", "the escalation chain ends at \(chain.last?.rawValue ?? "nobody"); it cannot go higher")
        }
        file.escalationLevel = min(policy.levelForMiss(of: missed, on: chain, current: file.escalationLevel), chain.count)
        let role = chain[file.escalationLevel - 1]
        return Escalation(chain: chain, policy: policy).actions(toLevel: file.escalationLevel, reason: reason, climbs: climbs, context: context)
            + [.record("work transfer slip: passed to \(role.rawValue) (\(reason))")]
    }

    /// A deadline passed: escalate (CMP-04, CMP-08, CMP-09, CMP-11) or remind (CMP-06, CMP-07, CMP-12).
    func overdue(_ purpose: TimerPurpose, file: inout ComplaintFile, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        guard file.deadlines.due(purpose) != nil else {
            throw Rejection(.stale_timer, "the complaint has no running '\(purpose.rawValue)' deadline")
        }
        var book = file.deadlines
        book.track([context.cancel(purpose)])
        file.deadlines = book
        switch purpose {
        case .reply:
            return [.notify(role: .cs_supervisor, reason: "reply to the owner is overdue")]
        case .report_back:
            return [.notify(role: .complaint_centre, reason: "report-back is overdue"),
                    .notify(role: .cs_supervisor, reason: "report back to the complaint centre now")]
        case .escalation:
            // Nobody acted since the last rung was told: the next one is.
            let chain = context.policy.escalation.complaintChain
            guard file.escalationLevel < chain.count else { return [] }
            return try escalate(file: &file, reason: "still unattended after escalation to level \(file.escalationLevel)", climbs: true, context: context)
        default:
            let chain = context.policy.escalation.complaintChain
            if file.escalationLevel >= chain.count {
                return [.notify(role: chain.last ?? .gm, reason: "\(purpose.rawValue) deadline passed")]
            }
            return try escalate(file: &file, reason: "\(purpose.rawValue) deadline passed", missed: purpose, climbs: true, context: context)
        }
    }

    /// CMP-14: a deadline moves only with a recorded grant by the site manager.
    func extend(
        _ deadline: TimerPurpose, to newDeadline: Instant, reason: String, file: inout ComplaintFile, context: MachineContext
    ) throws(Rejection) -> [WorkflowAction] {
        try context.require(context.policy.complaint.extensionGrantors, to: "extend a deadline", rule: "CMP-14")
        guard let current = file.deadlines.due(deadline) else {
            throw .violation("CMP-14", "there is no running '\(deadline.rawValue)' deadline to extend")
        }
        guard newDeadline > current else {
            throw .violation("CMP-14", "an extension must move the '\(deadline.rawValue)' deadline later than \(current, in: context.calendar)")
        }
        file.deadlines.record(DeadlineExtension(deadline: deadline, from: current, to: newDeadline, reason: reason, granted: context.decision))
        return [context.arm(deadline, at: newDeadline),
                .record("\(deadline.rawValue) deadline extended from \(current, in: context.calendar) to \(newDeadline, in: context.calendar) by \(context.actor.id): \(reason)")]
    }
}
