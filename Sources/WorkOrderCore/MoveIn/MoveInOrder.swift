/// The move-in machine (MOV-01 … MOV-06).
public struct MoveInOrder: Sendable {
    public internal(set) var state: MoveInState

    public init(state: MoveInState) {
        self.state = state
    }

    mutating func handle(_ event: MoveInEvent, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        var file = state.file
        let policy = context.policy.moveIn
        switch (state, event) {
        case (.booked, .documentsChecked(let documents)):
            try requireAll(policy.documents[file.buyer] ?? [], in: documents, "MOV-01", "a \(file.buyer.rawValue) buyer brings")
            file.documents = documents
            state = .documents_checked(file)
            return [.record("documents checked (\(file.buyer.rawValue)): " + documents.joined(separator: ", "))]
        case (.documents_checked, .registered(let formFilled, let agreements)):
            guard formFilled else { throw .violation("MOV-02", "the resident registration form is filled in first (form_filled: true)") }
            try requireAll(policy.agreements, in: agreements, "MOV-02", "the owner signs")
            state = .registered(file)
            return [.record("registered; agreements signed: " + agreements.joined(separator: ", "))]
        case (.registered, .itemsHandedOver(let items, let signature)):
            try requireAll(policy.handoverItems, in: items, "MOV-03", "the owner signs for")
            state = .handed_over(file)
            return [.record("handed over against \(signature)'s signature: " + items.joined(separator: ", "))]
        case (.handed_over, .feesCollected(let fees)):
            try requireAll(policy.fees, in: Array(fees.keys), "MOV-04", "move-in collects")
            state = .fees_paid(file)
            return policy.fees.map { .charge(amountFen: fees[$0] ?? 0, item: $0, ticket: nil) }
        case (.fees_paid, .inspected(let meters, let confirmed, let defects)):
            guard confirmed else { throw .violation("MOV-05", "meter readings are confirmed by both the owner and engineering (confirmed_by_owner: true)") }
            try requireAll(policy.meters, in: Array(meters.keys), "MOV-05", "the joint inspection reads")
            file.meterReadings = meters
            let readings = meters.sorted { $0.key < $1.key }.map { "\($0.key) \(JSONValue.number($0.value))" }.joined(separator: ", ")
            return [.record("joint inspection with engineering; meters: \(readings)")] + defectsFound(defects, file: &file, context: context)
        case (.awaiting_repairs, .defectRepaired(let defect)):
            guard let index = file.openDefects.firstIndex(of: defect) else {
                throw Rejection(.invalid_field, "'\(defect)' is not an open defect; open: " + file.openDefects.joined(separator: ", "), rule: "MOV-05")
            }
            file.openDefects.remove(at: index)
            state = .awaiting_repairs(file)
            return [.record("defect repaired: \(defect)")]
        case (.awaiting_repairs, .reinspectionBooked(let at)):
            guard file.openDefects.isEmpty else {
                throw .violation("MOV-05", "re-inspection is booked once every defect is fixed; still open: " + file.openDefects.joined(separator: ", "))
            }
            state = .awaiting_reinspection(file, appointment: at)
            return [.dispatch(to: .engineering, task: DispatchTask(summary: "move-in re-inspection", dueBy: at))]
        case (.awaiting_reinspection, .reinspected(let defects)):
            return [.record("re-inspected")] + defectsFound(defects, file: &file, context: context)
        case (.awaiting_sign_off, .signedOff(let signature)):
            file.signedOff = context.decision
            let reply = "move-in complete; signed off by \(signature)"
            file.reply = OwnerReply(form: .on_the_spot, content: reply, by: context.actor, at: context.now)
            state = .signed_off(file)
            return [.replyToOwner(form: .on_the_spot, content: reply)]
        case (.signed_off, .archived(let documents)):
            try requireAll(policy.archive[file.buyer] ?? [], in: documents, "MOV-06", "the archive keeps")
            state = .archived(file)
            return [.record("archived: " + documents.joined(separator: ", "))]
        default:
            throw Rejection(.internal_inconsistency, "move_in: '\(event.name)' in '\(state.name)' has no handler")
        }
    }

    /// MOV-05: each defect becomes a repair order; none → the owner signs off.
    private mutating func defectsFound(_ defects: [String], file: inout MoveInFile, context: MachineContext) -> [WorkflowAction] {
        guard !defects.isEmpty else {
            state = .awaiting_sign_off(file)
            return [.notify(role: .cs_staff, reason: "no defects: ask the owner to sign off")]
        }
        file.openDefects = defects
        file.defectsFound += defects.count
        state = .awaiting_repairs(file)
        return defects.map {
            // Engineering is at the inspection: the repair starts at once (REP-01's clock).
            // Each defect's own words are its repair's subject, so two defects never look alike.
            .openLinkedOrder(
                kind: .repair, subject: Self.subjectLine($0), reason: "move-in defect found at the joint inspection: \($0)",
                link: OrderLink(.defect_of_move_in, context.orderID), fields: ["mode": "immediate", "category": "other"])
        }
    }

    /// A defect's description as a one-line subject (at most 200 characters).
    static func subjectLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= 200 ? line : String(line.prefix(199)) + "…"
    }

    private func requireAll(_ required: [String], in given: [String], _ rule: String, _ what: String) throws(Rejection) {
        let missing = required.filter { !given.contains($0) }
        guard missing.isEmpty else { throw .violation(rule, "\(what) " + missing.joined(separator: ", ") + "; missing") }
    }
}
