extension ComplaintOrder {
    /// How many households one complaint may speak for (CMP-02 counts them).
    public static let householdsRange: ClosedRange<Int> = 1...100_000

    /// IN-01, CMP-02, CMP-03, CMP-09, CMP-10, CMP-12, CMP-13: a complaint as received.
    static func open(_ intake: IntakeRequest, context: MachineContext) throws(Rejection) -> Opening<ComplaintState> {
        let policy = context.policy.complaint
        guard let deadline = policy.subjects[intake.subject] else {
            throw Rejection(
                .invalid_intake,
                "complaint subject '\(Rejection.quoted(intake.subject))' is not one of " + policy.subjects.keys.sorted().joined(separator: ", "),
                rule: "CMP-09")
        }
        let f = FieldReader(fields: intake.fields, source: "complaint intake")
        let households = try f.optionalInt("households", in: ComplaintOrder.householdsRange) ?? 1
        // CMP-02: the server found this event collective already: this household joins it.
        let lead = try f.optionalString("collective_of")
        let collective = lead != nil || households >= policy.collectiveMinHouseholds
        var file = ComplaintFile(
            subject: intake.subject, written: intake.channel.isWritten, households: households, collective: collective,
            collectiveReport: nil, passedDownByCentre: try f.optionalBool("passed_down_by_centre") ?? false, reportedBack: nil,
            harmOngoing: try f.optionalBool("harm_ongoing") ?? false, harmContained: nil, responded: nil,
            classification: nil, escalationLevel: 0, ownerDeadline: nil, deadlines: DeadlineBook(), reply: nil)
        let department = context.policy.routing.complaintSubjects[intake.subject] ?? .customer_service
        let responseDue = context.due(deadline.respondWithin)
        var actions: [WorkflowAction] = [
            .dispatch(to: department, task: DispatchTask(summary: "respond to complaint: \(intake.subject)", dueBy: responseDue)),
            context.arm(.response, at: responseDue),
            .notify(role: .cs_supervisor, reason: "classify complaint (valid / assisted / invalid)"),
        ]
        if let responder = deadline.responder {
            actions.append(.notify(role: responder, reason: "go to the household by \(responseDue, in: context.calendar)"))
        }
        if file.harmOngoing {
            actions.append(.dispatch(to: department, task: DispatchTask(summary: "stop or limit the ongoing harm first", dueBy: responseDue)))
        }
        file.collectiveLead = lead
        if let lead {
            actions.append(.record(CollectiveBinding.boundText(lead: lead, households: households)))
        } else if collective {
            // CMP-03: the duty officer reports to the director at once; the director tells the deputy GM and the centre.
            actions.append(.record("collective complaint: \(households) households"))
            actions += policy.collectiveNotify.map { .notify(role: $0, reason: "collective complaint (\(households) households)") }
            actions.append(context.arm(.collective_report, after: policy.collectiveReportWithin))
        }
        if file.passedDownByCentre { actions.append(.record("passed down by the company complaint centre")) }
        var links: [OrderLink] = []
        if let previous = try f.optionalString("previous_order") {
            links.append(OrderLink(.recomplaint_of, previous))  // CMP-13
        }
        if let lead { links.append(OrderLink(.member_of_collective, lead)) }
        var state = ComplaintState.received(file)
        var book = file.deadlines
        book.track(actions)
        var tracked = file
        tracked.deadlines = book
        state = .received(tracked)
        return Opening(state: state, actions: actions, links: links)
    }
}
