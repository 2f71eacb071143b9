/// The complaint machine (CMP-01 … CMP-14). A struct holding the state; each event
/// returns the actions for the shell, or a rejection saying why not.
public struct ComplaintOrder: Sendable {
    public internal(set) var state: ComplaintState

    public init(state: ComplaintState) {
        self.state = state
    }

    mutating func handle(_ event: ComplaintEvent, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        var file = state.file
        let climbing = Escalation.stopClimbing(file.deadlines, context: context)
        let actions = try transition(event, file: &file, context: context) + climbing
        file.deadlines.track(actions)
        replaceFile(file)
        return actions
    }

    private mutating func replaceFile(_ file: ComplaintFile) {
        state = state.with(file)
    }

    private mutating func transition(
        _ event: ComplaintEvent, file: inout ComplaintFile, context: MachineContext
    ) throws(Rejection) -> [WorkflowAction] {
        switch (state, event) {
        case (.received, .classified(let validity, let severity, let party, let ownerDeadline)):
            return try classify(validity, severity: severity, solvingParty: party, ownerDeadline: ownerDeadline, file: &file, context: context)
        case (_, .responded):
            file.responded = context.decision
            return [context.cancel(.response), .record("responded on site by \(context.actor.id)")]
        case (.awaiting_contact, .contacted(let agreed)):
            try context.require(context.policy.complaint.classifiers, to: "make the first contact on a valid complaint", rule: "CMP-04")
            guard agreed > context.now else {
                throw Rejection(.invalid_field, "the agreed reply time must be in the future", rule: "CMP-04")
            }
            state = .in_hand(file, agreedReplyAt: agreed)
            return [context.cancel(.contact_owner), context.arm(.reply, at: agreed),
                    .record("owner contacted by \(context.actor.id); reply agreed for \(agreed, in: context.calendar)")]
        case (_, .collectiveReported(let replyAt, let report)):
            guard file.collective else { throw .violation("CMP-03", "only a collective complaint has a special incident report") }
            try context.require([.site_director], to: "report on a collective complaint", rule: "CMP-03")
            file.collectiveReport = context.decision
            return [context.cancel(.collective_report), context.arm(.reply, at: replyAt),
                    .record("special incident report \(report) filed; households contacted, reply agreed for \(replyAt, in: context.calendar)")]
        case (.assisted(_, var handling), .reportedInWriting(let reference)):
            handling.reportedInWriting = context.decision
            state = .assisted(file, handling)
            return [.record("reported in writing to \(handling.solvingParty): \(reference)")]
        case (.assisted(_, var handling), .progressTold(let note)):
            handling.progressTold += 1
            state = .assisted(file, handling)
            return [.replyToOwner(form: .phone, content: "progress: \(note)")]
        case (_, .harmContained):
            file.harmContained = context.decision
            return [.record("harm stopped or limited by \(context.actor.id)")]
        case (_, .cannotSolve(let reason)):
            return try escalate(file: &file, reason: "cannot solve: \(reason)", context: context)
        case (_, .extensionGranted(let deadline, let newDeadline, let reason)):
            return try extend(deadline, to: newDeadline, reason: reason, file: &file, context: context)
        case (.in_hand(_, let agreed), .handled(let onTheSpot, let summary)):
            return try handled(onTheSpot: onTheSpot, summary: summary, agreedReplyAt: agreed, file: &file, context: context)
        case (.assisted(_, let handling), .handled(let onTheSpot, let summary)):
            guard handling.reportedInWriting != nil else {
                throw .violation("CMP-05", "an assisted complaint is reported in writing to \(handling.solvingParty) before it is handled")
            }
            return try handled(onTheSpot: onTheSpot, summary: summary, agreedReplyAt: nil, file: &file, context: context)
        case (.handled, .reportedBack):
            file.reportedBack = context.decision
            return [context.cancel(.report_back), .notify(role: .complaint_centre, reason: "result reported back")]
        case (.handled, .replied(let form, let content, let signed, let written, let sample)),
            (.invalid, .replied(let form, let content, let signed, let written, let sample)):
            return try replied(form, content: content, ownerSigned: signed, writtenCopy: written, sample: sample, file: &file, context: context)
        case (.calling_back(_, var lifecycle), .callback(let event)):
            var actions = try lifecycle.handle(event, context: context)
            if case .rectifying = lifecycle.phase, case .reached = event {
                // CMP-13: the dissatisfied owner's re-complaint, linked to this one.
                actions.append(.openLinkedOrder(
                    kind: .complaint, reason: "owner dissatisfied with the result",
                    link: OrderLink(.recomplaint_of, context.orderID)))
            }
            state = lifecycle.isFinished ? .closed(file) : .calling_back(file, lifecycle)
            return actions
        case (_, .timer(let purpose)):
            return try overdue(purpose, file: &file, context: context)
        default:
            throw Rejection(.internal_inconsistency, "complaint: '\(event.name)' in '\(state.name)' has no handler")
        }
    }
}
