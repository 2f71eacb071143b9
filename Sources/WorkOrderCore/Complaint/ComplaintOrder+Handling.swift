extension ComplaintOrder {
    /// CMP-01: the CS supervisor's classification, recorded with who and when.
    mutating func classify(
        _ validity: ComplaintValidity, severity: ComplaintSeverity?, solvingParty: String?, ownerDeadline: Instant?,
        file: inout ComplaintFile, context: MachineContext
    ) throws(Rejection) -> [WorkflowAction] {
        let policy = context.policy.complaint
        try context.require(policy.classifiers, to: "classify a complaint", rule: "CMP-01")
        file.classification = ComplaintClassification(validity: validity, severity: severity, decided: context.decision)
        var actions: [WorkflowAction] = [
            .record("classified \(validity.rawValue)" + (severity.map { "/\($0.rawValue)" } ?? "")
                + " by \(context.actor.id) at \(context.now, in: context.calendar)"),
        ]
        switch validity {
        case .valid:
            guard let severity else {
                throw Rejection(.missing_field, "a valid complaint needs 'severity': major, service_failing or minor", rule: "CMP-08")
            }
            file.ownerDeadline = ownerDeadline
            actions.append(context.arm(.contact_owner, after: policy.contactOwnerWithin))
            actions += severityActions(severity, ownerDeadline: ownerDeadline, context: context)
            state = .awaiting_contact(file)
        case .assisted:
            guard let solvingParty else {
                throw Rejection(.missing_field, "an assisted complaint needs 'solving_party' (developer, outside authority, ...)", rule: "CMP-05")
            }
            actions.append(.notify(role: .cs_supervisor, reason: "report in writing to \(solvingParty) and follow up"))
            state = .assisted(file, AssistedHandling(solvingParty: solvingParty, reportedInWriting: nil, progressTold: 0))
        case .invalid:
            actions += [context.cancel(.response), context.arm(.reply, after: policy.invalidReplyWithin)]
            state = .invalid(file)
        }
        return actions
    }

    /// CMP-08: who hears of it and the handling deadlines, by severity.
    private func severityActions(_ severity: ComplaintSeverity, ownerDeadline: Instant?, context: MachineContext) -> [WorkflowAction] {
        guard let deadlines = context.policy.complaint.severities[severity] else { return [] }
        var actions: [WorkflowAction] = []
        if let role = deadlines.reportTo {
            let within = deadlines.reportWithin.map { " (within \($0))" } ?? ""
            actions.append(.notify(role: role, reason: "\(severity.rawValue) complaint: report\(within)"))
        }
        if let answer = deadlines.answerWithin { actions.append(context.arm(.answer, after: answer)) }
        let solve = context.due(deadlines.solveWithin)
        let handlingDue = severity == .minor ? min(ownerDeadline ?? solve, solve) : solve
        actions.append(context.arm(.handling, at: handlingDue))
        return actions
    }

    mutating func handled(
        onTheSpot: Bool, summary: String, agreedReplyAt: Instant?, file: inout ComplaintFile, context: MachineContext
    ) throws(Rejection) -> [WorkflowAction] {
        if file.harmOngoing && file.harmContained == nil {
            throw .violation("CMP-10", "the harm must be stopped or limited (harm_contained) before the complaint is handled")
        }
        if file.collective && file.collectiveLead == nil && file.collectiveReport == nil {
            throw .violation("CMP-03", "the site director's collective report (collective_reported) comes before handling")
        }
        let policy = context.policy.complaint
        var actions: [WorkflowAction] = [TimerPurpose.response, .answer, .handling]
            .filter { file.deadlines.due($0) != nil }.map { context.cancel($0) }
        actions.append(.record("handled: \(summary)"))
        if onTheSpot {
            actions.append(context.arm(.reply, after: policy.onSpotReplyWithin))  // CMP-07
        } else if agreedReplyAt == nil && file.deadlines.due(.reply) == nil {
            actions.append(context.arm(.reply, after: policy.validReplyWithin))
        }
        if file.passedDownByCentre {
            actions.append(context.arm(.report_back, after: policy.reportBackWithin))  // CMP-12
        }
        state = .handled(file, HandlingResult(onTheSpot: onTheSpot, summary: summary, decided: context.decision))
        return actions
    }

    /// CMP-03, CMP-06, CMP-07, IN-03: the reply, then call-backs (CB-03).
    mutating func replied(
        _ form: ContactForm, content: String, ownerSigned: Bool, writtenCopy: Bool, sample: Double,
        file: inout ComplaintFile, context: MachineContext
    ) throws(Rejection) -> [WorkflowAction] {
        let policy = context.policy.complaint
        if file.collective && form != policy.collectiveReplyForm {
            throw .violation("CMP-03", "a collective complaint is replied to by \(policy.collectiveReplyForm.rawValue)")
        }
        if form == .home_visit && !ownerSigned {
            throw .violation("CMP-07", "a home-visit reply needs the owner's signature on the visit record (owner_signed: true)")
        }
        if file.written && form != .letter && !writtenCopy {
            throw .violation("CMP-07", "a written complaint also gets a written reply (form letter, or written_copy: true)")
        }
        if file.passedDownByCentre && file.reportedBack == nil {
            throw .violation("CMP-12", "report the result back to the company complaint centre (reported_back) before closing")
        }
        file.reply = OwnerReply(form: form, content: content, by: context.actor, at: context.now)
        var actions = file.deadlines.cancelAll(context) + [.replyToOwner(form: form, content: content)]
        if file.escalationLevel > 0 {
            actions.append(.record("final result replied to the owner; work transfer slip closed"))  // CMP-11
        }
        let callbacks = context.policy.callbacks
        let major = file.classification?.severity == .major
        let sampled = major || sample < callbacks.complaintSamplingRatio
        let rounds = sampled ? callbacks.schedules[major ? .complaint_major : .complaint] ?? [] : []
        let department = context.policy.routing.complaintSubjects[file.subject] ?? .customer_service
        if let (lifecycle, scheduled) = CallbackLifecycle.start(rounds: rounds, from: context.now, responsible: department, context: context) {
            state = .calling_back(file, lifecycle)
            return actions + scheduled
        }
        state = .closed(file)
        // The reports leave "not sampled" complaints out of the call-back rate (CB-08); a
        // sampled one whose policy has no rounds is a policy gap, not a sampling result.
        guard !sampled else { return actions + [.record("no call-back rounds in the policy for this complaint")] }
        return actions + [.fact(.callbackNotSampled(sample: sample, ratio: callbacks.complaintSamplingRatio))]
    }
}
