/// CMP-02, CMP-03: binding a household's complaint to the collective complaint of the
/// same event, once the event turns out to be collective. The server sends it, as the
/// engine (`system`), for every earlier open complaint of the event when a later one makes
/// it collective; the order is marked collective, linked to the one that made it so (where
/// the director files the special report), and is replied to by home visit.
///
/// A supervisor may also bind a complaint the server did not count (`collective_bound`,
/// e.g. the same burst pipe reported as two subjects) or release one it counted wrongly
/// (`collective_released`), with the reason; both are recorded with who and why
/// (`wo collective bind|release`).
public enum CollectiveBinding {
    public static let eventName = "joined_collective"
    public static let bindEventName = "collective_bound"
    public static let releaseEventName = "collective_released"
    public static let eventNames: Set<String> = [eventName, bindEventName, releaseEventName]

    /// Who may bind or release by hand: those who handle collective complaints (CMP-03).
    static let supervisors: Set<Role> = [.cs_supervisor, .site_director, .duty_officer]

    static func boundText(lead: String, households: Int) -> String {
        "bound to collective complaint \(lead) (\(households) households): the director's special report is filed there; reply by home visit (CMP-03)"
    }

    static func apply(_ event: OrderEvent, on order: WorkOrder, at now: Instant) throws(Rejection) -> Step {
        let byEngine = event.name == eventName
        guard byEngine ? event.actor.role == .system : supervisors.contains(event.actor.role) else {
            throw Rejection(.not_permitted, byEngine
                ? "only the engine binds a complaint to a collective as it counts them (CMP-02)"
                : "'\(event.actor.role.rawValue)' cannot bind or release a collective complaint; "
                    + supervisors.map(\.rawValue).sorted().joined(separator: ", ") + " can", rule: "CMP-03")
        }
        guard case .complaint(let state) = order.state else {
            throw Rejection(.not_allowed_in_state, "only complaints are bound to a collective complaint")
        }
        let fields = FieldReader(fields: event.fields, source: "event '\(event.name)'")
        var file = state.file
        var next = order
        let actions: [WorkflowAction]
        if event.name == releaseEventName {
            let reason = try fields.string("reason")
            guard file.collective, let lead = file.collectiveLead else {
                throw Rejection(.not_allowed_in_state, file.collective
                    ? "complaint \(order.id) made its event collective; release the households bound to it instead"
                    : "complaint \(order.id) is not bound to a collective complaint", rule: "CMP-02")
            }
            file.collective = false
            file.collectiveLead = nil
            file.households = 1
            next.links.removeAll { $0 == OrderLink(.member_of_collective, lead) }
            actions = [.record("released from collective complaint \(lead) by \(event.actor.id): \(reason)")]
        } else {
            let lead = try fields.string("collective")
            guard lead != order.id else { throw Rejection(.invalid_field, "a complaint cannot be bound to itself", rule: "CMP-02") }
            guard !file.collective else {
                throw Rejection(.not_allowed_in_state, "complaint \(order.id) is already part of a collective complaint", rule: "CMP-02")
            }
            let households = try fields.optionalInt("households", in: ComplaintOrder.householdsRange) ?? file.households
            let reason = byEngine ? nil : try fields.string("reason")
            file.collective = true
            file.collectiveLead = lead
            file.households = max(file.households, households)
            let link = OrderLink(.member_of_collective, lead)
            if !next.links.contains(link) { next.links.append(link) }
            actions = [.record(boundText(lead: lead, households: file.households) + (reason.map { "; bound by \(event.actor.id): \($0)" } ?? ""))]
        }
        next.state = .complaint(state.with(file))
        let entry = HistoryEntry(at: now, event: event.name, actor: event.actor, from: order.stateName, to: order.stateName, policyVersion: order.policyVersion)
        return Step(order: next, actions: actions, history: entry)
    }
}
