extension WorkflowEngine {
    func openOrder(_ intake: IntakeRequest, id: String, at now: Instant) throws(Rejection) -> Step {
        try IntakeCheck.validate(intake, id: id)
        let actor = intake.recordedBy ?? Actor(id: "intake", role: .cs_staff)
        let ctx = context(order: id, site: intake.site, channel: intake.channel, actor: actor, at: now)
        // Read before the kind's own fields, so every kind's intake documents it.
        let onSpot = try onSpotReport(intake, now: now)
        let state: OrderState
        var opening: (actions: [WorkflowAction], links: [OrderLink])
        switch intake.kind {
        case .complaint:
            let o = try ComplaintOrder.open(intake, context: ctx)
            (state, opening) = (.complaint(o.state), (o.actions, o.links))
        case .repair:
            let o = try RepairOrder.open(intake, context: ctx)
            (state, opening) = (.repair(o.state), (o.actions, o.links))
        case .paid_service:
            let o = try PaidServiceOrder.open(intake, context: ctx)
            (state, opening) = (.paid_service(o.state), (o.actions, o.links))
        case .help:
            let o = try HelpOrder.open(intake, context: ctx)
            (state, opening) = (.help(o.state), (o.actions, o.links))
        case .renovation:
            let o = try RenovationOrder.open(intake, context: ctx)
            (state, opening) = (.renovation(o.state), (o.actions, o.links))
        case .move_in:
            let o = try MoveInOrder.open(intake, context: ctx)
            (state, opening) = (.move_in(o.state), (o.actions, o.links))
        }
        var actions: [WorkflowAction] = [
            .record("received via \(intake.channel.rawValue) from \(intake.household) at \(now, in: ctx.calendar): \(intake.subject)"),
        ]
        actions += onSpot
        var links = opening.links
        if !intake.repeatOf.isEmpty {
            // IN-04: the same problem reported again: linked, and handled with priority.
            links += intake.repeatOf.map { OrderLink(.repeat_report_of, $0) }
            actions.append(.notify(role: .cs_supervisor, reason: "repeated report of " + intake.repeatOf.joined(separator: ", ") + ": handle with priority"))
        }
        actions += opening.actions
        let order = WorkOrder(
            id: id, kind: intake.kind, site: intake.site, household: intake.household, owner: intake.owner,
            channel: intake.channel, subject: intake.subject, content: intake.content, openedAt: now, policyVersion: policy.version,
            state: state, links: links, priority: !intake.repeatOf.isEmpty)
        let entry = HistoryEntry(at: now, event: "opened", actor: actor, from: nil, to: state.name, policyVersion: policy.version)
        return Step(order: order, actions: actions, history: entry)
    }

    /// IN-02: a request already handled on the spot is reported within the hour and logged.
    private func onSpotReport(_ intake: IntakeRequest, now: Instant) throws(Rejection) -> [WorkflowAction] {
        let f = FieldReader(fields: intake.fields, source: "intake")
        guard let handledAt = try f.optionalInstant("handled_on_spot_at") else { return [] }
        let calendar = policy.calendar(forSite: intake.site)
        var actions: [WorkflowAction] = [.record("duty log: handled on the spot at \(handledAt, in: calendar)")]
        let deadline = calendar.due(after: policy.onSpotReportWithin, from: handledAt)
        if now > deadline {
            actions.append(.notify(role: .cs_supervisor, reason: "on-the-spot handling reported late (after \(deadline, in: calendar))"))
        }
        return actions
    }
}

/// IN-01: what every request must carry.
enum IntakeCheck {
    static let schemaVersion = 1

    static func validate(_ intake: IntakeRequest, id: String) throws(Rejection) {
        var missing: [String] = []
        func need(_ value: String, _ name: String) {
            if value.trimmingSpaces.isEmpty { missing.append(name) }
        }
        need(id, "id")
        need(intake.site, "site")
        need(intake.household.building, "household.building")
        need(intake.household.unit, "household.unit")
        need(intake.household.room, "household.room")
        need(intake.owner.name, "owner.name")
        need(intake.owner.phone, "owner.phone")
        need(intake.subject, "subject")
        need(intake.content, "content")
        guard intake.schemaVersion == schemaVersion else {
            throw Rejection(.invalid_intake, "schema_version \(intake.schemaVersion) is not supported; expected \(schemaVersion)")
        }
        guard missing.isEmpty else {
            throw Rejection(.invalid_intake, "intake is missing " + missing.joined(separator: ", "), rule: "IN-01")
        }
    }
}

/// IN-04: an engine-level event, allowed on any open order: the same problem was reported
/// again (or to another department). The order is linked and handled with priority.
enum RepeatReport {
    static let eventName = "repeat_reported"

    static func apply(_ event: OrderEvent, on order: WorkOrder, at now: Instant, policyVersion: String) throws(Rejection) -> Step {
        let other = try FieldReader(fields: event.fields, source: "event '\(eventName)'").string("order")
        var next = order
        let link = OrderLink(.repeat_report_of, other)
        if !next.links.contains(link) { next.links.append(link) }
        next.priority = true
        let actions: [WorkflowAction] = [
            .record("same problem reported again as \(other)"),
            .notify(role: .cs_supervisor, reason: "order \(order.id) reported again (\(other)): handle with priority"),
        ]
        let entry = HistoryEntry(at: now, event: eventName, actor: event.actor, from: order.stateName, to: order.stateName, policyVersion: order.policyVersion)
        return Step(order: next, actions: actions, history: entry)
    }
}
