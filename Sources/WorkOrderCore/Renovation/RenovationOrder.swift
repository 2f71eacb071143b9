/// The renovation-permit machine (REN-01 … REN-05).
public struct RenovationOrder: Sendable {
    public internal(set) var state: RenovationState

    public init(state: RenovationState) {
        self.state = state
    }

    mutating func handle(_ event: RenovationEvent, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        var file = state.file
        let policy = context.policy.renovation
        switch (state, event) {
        case (.applied, .identityChecked(let documents)):
            let required = policy.ownerDocuments + (file.applicant == .agent ? policy.agentDocuments : [])
            let missing = required.filter { !documents.contains($0) }
            guard missing.isEmpty else {
                throw .violation("REN-01", "an application by the \(file.applicant.rawValue) needs " + missing.joined(separator: ", "))
            }
            file.identityChecked = context.decision
            file.documentsFiled = documents
            state = .identified(file)
            return [.record("identity checked by \(context.actor.id); copies filed: " + documents.joined(separator: ", "))]
        case (.identified, .agreementSigned(let restated, let reviewed)):
            guard restated && reviewed else {
                throw .violation("REN-02", "hours and prohibited works are restated (rules_restated) and the plan reviewed (plan_reviewed) before signing")
            }
            file.agreementSigned = context.decision
            if file.needsAuthority {
                state = .awaiting_authority(file)
                return [.record("renovation agreement signed; plan reviewed"),
                        .replyToOwner(form: .on_the_spot, content: "structural change or heavier loads: housing authority approval is needed before a permit")]
            }
            state = .agreed(file)
            return [.record("renovation agreement signed; plan reviewed")]
        case (.awaiting_authority, .authorityApproved(let reference)):
            file.authorityApproval = reference
            state = .agreed(file)
            return [.record("housing authority approval \(reference) recorded by \(context.actor.id)")]
        case (.agreed, .permitIssued(let start, let end, let person, let passes, let deposit)):
            if file.needsAuthority && file.authorityApproval == nil {
                throw .violation("REN-03", "no permit without the housing authority's approval")
            }
            let permit = RenovationPermit(startDate: start, endDate: end, personInCharge: person, passes: passes, depositFen: deposit, issued: context.decision)
            state = .under_way(file, permit)
            let reason = "renovation \(start)–\(end), in charge: \(person), passes: \(passes.joined(separator: ", ")): monitor the works"
            return [.record("permit issued; deposit \(deposit) fen; passes " + passes.joined(separator: ", ")),
                    .charge(amountFen: deposit, item: "renovation_deposit", ticket: nil)]
                + policy.permitNotify.map { .dispatch(to: $0, task: DispatchTask(summary: reason)) }
        case (.under_way(_, let permit), .worksFinished):
            state = .awaiting_inspection(file, permit)
            return [.dispatch(to: .engineering, task: DispatchTask(summary: "final inspection of the renovation"))]
        case (.awaiting_inspection(_, let permit), .finalInspection(let passed, let notes)):
            file.inspections.append(context.decision)
            guard passed else {
                state = .under_way(file, permit)
                return [.record("final inspection failed: \(notes); deposit kept"),
                        .replyToOwner(form: .on_the_spot, content: "final inspection failed: \(notes)")]
            }
            let reply = "final inspection passed; deposit returned"
            file.reply = OwnerReply(form: .on_the_spot, content: reply, by: context.actor, at: context.now)
            state = .closed(file)
            return [.refundDeposit(amountFen: permit.depositFen, reason: "final inspection passed: \(notes)"),
                    .replyToOwner(form: .on_the_spot, content: reply)]
        case (_, .refused(let reply)):
            file.reply = OwnerReply(form: .on_the_spot, content: reply, by: context.actor, at: context.now)
            state = .refused(file)
            return [.replyToOwner(form: .on_the_spot, content: reply)]
        default:
            throw Rejection(.internal_inconsistency, "renovation: '\(event.name)' in '\(state.name)' has no handler")
        }
    }
}
