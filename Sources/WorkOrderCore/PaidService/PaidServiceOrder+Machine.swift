extension PaidServiceOrder: OrderMachine {
    var stateName: String { state.name }
    var ownerReplied: Bool { state.file.reply != nil }

    static func open(_ intake: IntakeRequest, context: MachineContext) throws(Rejection) -> Opening<PaidServiceState> {
        let f = FieldReader(fields: intake.fields, source: "paid_service intake")
        let service = try f.string("service")
        guard let department = context.policy.routing.paidServices[service] else {
            throw Rejection(.invalid_intake, "paid service '\(service)' is not one of "
                + context.policy.routing.paidServices.keys.sorted().joined(separator: ", "))
        }
        let file = PaidServiceFile(
            service: service, department: department, monthly: try f.optionalBool("monthly") ?? false,
            contract: try f.optionalString("contract"), acceptance: nil, reply: nil)
        if let contract = file.contract {
            // PAID-03: one visit of a monthly contract, on the contract's terms: it needs its own ticket.
            let terms = ServiceTerms(
                items: try f.strings("items"), area: try f.optionalString("area"), scheduledAt: try f.instant("scheduled_at"),
                feeFen: try f.int("fee_fen", in: FieldReader.fen), pricedBy: context.actor)
            return Opening(
                state: .agreed(file, terms), actions: [.record("visit of contract \(contract); issue its ticket")],
                links: [OrderLink(.visit_of_contract, contract)])
        }
        var actions: [WorkflowAction] = []
        if let pricer = context.policy.paidService.pricedOnSiteBy[department] {
            actions.append(.notify(role: pricer, reason: "price \(service) on site"))
        } else {
            actions.append(.notify(role: .cs_staff, reason: "agree items, time and fee for \(service)"))
        }
        return Opening(state: .requested(file), actions: actions)
    }

    static func decode(_ event: OrderEvent, context: MachineContext) throws(Rejection) -> PaidServiceEvent {
        if let callback = try CallbackEvent.decode(event, context: context) { return .callback(callback) }
        let f = FieldReader(fields: event.fields, source: "event '\(event.name)'")
        switch event.name {
        case "quoted":
            return .quoted(items: try f.strings("items"), area: try f.optionalString("area"),
                           scheduledAt: try f.instant("scheduled_at"), feeFen: try f.int("fee_fen", in: FieldReader.fen))
        case "ticket_issued": return .ticketIssued(try f.string("ticket"))
        case "contract_started": return .contractStarted
        case "visit_scheduled": return .visitScheduled(at: try f.instant("visit_at"))
        case "contract_ended": return .contractEnded(reply: try f.string("reply"))
        case "work_started": return .workStarted
        case "work_done": return .workDone
        case "accepted": return .accepted(ownerSignature: try f.string("owner_signature"))
        case "not_accepted": return .notAccepted(reason: try f.string("reason"))
        case "withdrawn": return .withdrawn(reply: try f.string("reply"))
        default: throw unknown(event)
        }
    }

    static func name(of event: PaidServiceEvent) -> String { event.name }

    static func timerEvent(_ purpose: TimerPurpose) -> PaidServiceEvent {
        CallbackEvent(timer: purpose).map { .callback($0) } ?? .timer(purpose)
    }

    static func explainRefusal(_ event: String, in state: String) -> Rejection? {
        switch (event, state) {
        case ("work_started", "requested"), ("work_started", "agreed"):
            return .violation("PAID-01", "details are agreed and a ticket issued (ticket_issued) before work starts")
        case ("accepted", "ticketed"), ("accepted", "in_service"):
            return .violation("PAID-02", "the owner accepts the finished work (after work_done); only then is the fee charged")
        default:
            return nil
        }
    }

    public static let transitionTable = TransitionTable(
        name: "paid_service",
        initial: ["requested", "agreed"],
        finals: ["closed"],
        transitions: [
            Transition("requested", "quoted", "agreed", rule: "PAID-01"),
            Transition("requested", "withdrawn", "closed", rule: "IN-03"),
            Transition("agreed", "withdrawn", "closed", rule: "IN-03"),
            Transition("agreed", "ticket_issued", "ticketed", rule: "PAID-01"),
            Transition("agreed", "contract_started", "contract", rule: "PAID-03"),
            Transition("contract", "visit_scheduled", "contract", rule: "PAID-03"),
            Transition("contract", "contract_ended", "closed", rule: "PAID-03"),
            Transition("ticketed", "work_started", "in_service", rule: "PAID-01"),
            Transition("in_service", "work_done", "awaiting_acceptance", rule: "PAID-02"),
            Transition("awaiting_acceptance", "not_accepted", "in_service", rule: "PAID-02"),
            Transition("awaiting_acceptance", "accepted", "calling_back", rule: "PAID-04"),
            Transition("awaiting_acceptance", "accepted", "closed", rule: "PAID-02"),
        ] + CallbackLifecycle.embeddedTransitions()
    )
}
