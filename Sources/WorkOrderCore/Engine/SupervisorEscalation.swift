/// `wo escalate`: an engine-level event, allowed on any open order, by which a supervisor
/// passes an order up by hand (the timers escalate by themselves; this is for what a
/// timer cannot see). The order's state does not change; the role named is told at once.
enum SupervisorEscalation {
    static let eventName = "escalated"

    /// Roles that may escalate by hand: those who supervise work, not those who do it.
    static let allowedRoles: Set<Role> = [
        .duty_officer, .cs_supervisor, .site_director, .complaint_centre, .deputy_gm, .gm, .engineering_supervisor, .department_head,
    ]

    static func apply(_ event: OrderEvent, on order: WorkOrder, at now: Instant) throws(Rejection) -> Step {
        guard allowedRoles.contains(event.actor.role) else {
            throw Rejection(.not_permitted, "'\(event.actor.role.rawValue)' cannot escalate an order; a supervisor can ("
                + allowedRoles.map(\.rawValue).sorted().joined(separator: ", ") + ")")
        }
        let fields = FieldReader(fields: event.fields, source: "event '\(eventName)'")
        let target = try fields.choice("to", Role.self)
        let reason = try fields.string("reason")
        let level = try fields.optionalInt("level", in: 1...20) ?? 1
        let actions: [WorkflowAction] = [
            .record("escalated by \(event.actor.id) to \(target.rawValue): \(reason)"),
            .escalate(to: target, level: level, reason: reason),
        ]
        let entry = HistoryEntry(at: now, event: eventName, actor: event.actor, from: order.stateName, to: order.stateName, policyVersion: order.policyVersion)
        return Step(order: order, actions: actions, history: entry)
    }
}
