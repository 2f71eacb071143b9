/// The paid-service machine (PAID-01 … PAID-04).
public struct PaidServiceOrder: Sendable {
    public internal(set) var state: PaidServiceState

    public init(state: PaidServiceState) {
        self.state = state
    }

    mutating func handle(_ event: PaidServiceEvent, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        var file = state.file
        switch (state, event) {
        case (.requested, .quoted(let items, let area, let at, let fee)):
            if let pricer = context.policy.paidService.pricedOnSiteBy[file.department] {
                try context.require([pricer], to: "price \(file.service) on site", rule: "PAID-01")
            }
            let terms = ServiceTerms(items: items, area: area, scheduledAt: at, feeFen: fee, pricedBy: context.actor)
            state = .agreed(file, terms)
            return [.record("agreed: \(items.joined(separator: ", ")), \(area ?? "-"), at \(at, in: context.calendar), \(fee) fen")]
        case (.agreed(_, let terms), .ticketIssued(let ticket)):
            guard !file.monthly else {
                throw .violation("PAID-03", "a monthly contract gets one ticket per visit, not one for the contract")
            }
            state = .ticketed(file, terms, ticket: ticket)
            return [.record("ticket \(ticket) issued"),
                    .dispatch(to: file.department, task: DispatchTask(summary: "\(file.service) on ticket \(ticket)", dueBy: terms.scheduledAt))]
        case (.agreed(_, let terms), .contractStarted):
            guard file.monthly else { throw Rejection(.invalid_field, "only a monthly service has a contract", rule: "PAID-03") }
            state = .contract(file, terms, visits: 0)
            return [.record("monthly contract started")]
        case (.contract(_, let terms, let visits), .visitScheduled(let at)):
            state = .contract(file, terms, visits: visits + 1)
            var visit: [String: JSONValue] = [
                "service": .string(file.service), "contract": .string(context.orderID),
                "items": .array(terms.items.map(JSONValue.string)), "scheduled_at": JSONValue(at), "fee_fen": .number(Double(terms.feeFen)),
            ]
            if let area = terms.area { visit["area"] = .string(area) }
            return [.openLinkedOrder(
                kind: .paid_service, reason: "monthly visit \(visits + 1) at \(at, in: context.calendar): one ticket per visit",
                link: OrderLink(.visit_of_contract, context.orderID), fields: visit)]
        case (.contract, .contractEnded(let reply)):
            file.reply = OwnerReply(form: .phone, content: reply, by: context.actor, at: context.now)
            state = .closed(file)
            return [.replyToOwner(form: .phone, content: reply)]
        case (.ticketed(_, let terms, let ticket), .workStarted):
            state = .in_service(file, terms, ticket: ticket)
            return [.record("work started on ticket \(ticket)")]
        case (.in_service(_, let terms, let ticket), .workDone):
            state = .awaiting_acceptance(file, terms, ticket: ticket)
            return [.notify(role: .cs_staff, reason: "ask the owner to accept the work on ticket \(ticket)")]
        case (.awaiting_acceptance(_, let terms, let ticket), .notAccepted(let reason)):
            state = .in_service(file, terms, ticket: ticket)
            return [.record("owner did not accept: \(reason); no charge"),
                    .dispatch(to: file.department, task: DispatchTask(summary: "redo: \(reason)"))]
        case (.awaiting_acceptance(_, let terms, let ticket), .accepted(let signature)):
            return accept(terms: terms, ticket: ticket, signature: signature, file: &file, context: context)
        case (.requested, .withdrawn(let reply)), (.agreed, .withdrawn(let reply)):
            file.reply = OwnerReply(form: .phone, content: reply, by: context.actor, at: context.now)
            state = .closed(file)
            return [.replyToOwner(form: .phone, content: reply)]
        case (.calling_back(_, var lifecycle), .callback(let event)):
            let actions = try lifecycle.handle(event, context: context)
            state = lifecycle.isFinished ? .closed(file) : .calling_back(file, lifecycle)
            return actions
        default:
            throw Rejection(.internal_inconsistency, "paid_service: '\(event.name)' in '\(state.name)' has no handler")
        }
    }

    /// PAID-02: accepted, then charged with a receipt; PAID-04: called back.
    private mutating func accept(
        terms: ServiceTerms, ticket: String, signature: String, file: inout PaidServiceFile, context: MachineContext
    ) -> [WorkflowAction] {
        file.acceptance = context.decision
        let content = "\(file.service) done and accepted by \(signature)"
        file.reply = OwnerReply(form: .on_the_spot, content: content, by: context.actor, at: context.now)
        let actions: [WorkflowAction] = [
            .replyToOwner(form: .on_the_spot, content: content),
            .charge(amountFen: terms.feeFen, item: file.service, ticket: ticket),
            .record("receipt issued for ticket \(ticket)"),
        ]
        let rounds = context.policy.callbacks.schedules[.paid_service] ?? []
        guard let (lifecycle, scheduled) = CallbackLifecycle.start(
            rounds: rounds, from: context.now, responsible: file.department, context: context)
        else {
            state = .closed(file)
            return actions
        }
        state = .calling_back(file, lifecycle)
        return actions + scheduled
    }
}
