/// Escalation up a chain of roles (CMP-11; REP-01 for repairs), shared by the kinds
/// whose missed deadlines escalate: where a miss goes, and the timer that takes an order
/// one rung higher while nobody acts on it.
struct Escalation {
    var chain: [Role]
    var policy: EscalationPolicy

    /// The actions for going to `level` (1-based) for `reason`, and whether a higher rung
    /// remains (then the climb timer is armed when `climbs`).
    func actions(toLevel level: Int, reason: String, climbs: Bool, context: MachineContext) -> [WorkflowAction] {
        guard !chain.isEmpty else { return [] }
        let rung = min(level, chain.count)
        var actions: [WorkflowAction] = [.escalate(to: chain[rung - 1], level: rung, reason: reason)]
        if climbs, rung < chain.count, let after = policy.climbAfter {
            actions.append(context.arm(.escalation, after: after))
        }
        return actions
    }

    /// Someone acted on the order: a climb in progress stops there.
    static func stopClimbing(_ deadlines: DeadlineBook, context: MachineContext) -> [WorkflowAction] {
        guard context.actor.role != .system, deadlines.due(.escalation) != nil else { return [] }
        return [context.cancel(.escalation)]
    }
}
