extension WorkflowEngine {
    func apply(_ input: EngineInput, on order: WorkOrder, at now: Instant) throws(Rejection) -> Step {
        if order.isFinished {
            if case .timer = input { throw Rejection(.stale_timer, "order \(order.id) has ended") }
            throw Rejection(.not_allowed_in_state, "order \(order.id) has ended ('\(order.stateName)'); nothing more can happen to it")
        }
        if case .event(let event) = input, event.name == RepeatReport.eventName {
            return try RepeatReport.apply(event, on: order, at: now, policyVersion: policy.version)
        }
        if case .event(let event) = input, event.name == SupervisorEscalation.eventName {
            return try SupervisorEscalation.apply(event, on: order, at: now)
        }
        if case .event(let event) = input, CollectiveBinding.eventNames.contains(event.name) {
            return try CollectiveBinding.apply(event, on: order, at: now)
        }
        let ctx = context(order: order.id, site: order.site, channel: order.channel, actor: input.actor, at: now)
        switch order.state {
        case .complaint(let s): return try run(ComplaintOrder(state: s), input, order, ctx, OrderState.complaint)
        case .repair(let s): return try run(RepairOrder(state: s), input, order, ctx, OrderState.repair)
        case .paid_service(let s): return try run(PaidServiceOrder(state: s), input, order, ctx, OrderState.paid_service)
        case .help(let s): return try run(HelpOrder(state: s), input, order, ctx, OrderState.help)
        case .renovation(let s): return try run(RenovationOrder(state: s), input, order, ctx, OrderState.renovation)
        case .move_in(let s): return try run(MoveInOrder(state: s), input, order, ctx, OrderState.move_in)
        }
    }

    private func run<M: OrderMachine>(
        _ machine: M, _ input: EngineInput, _ order: WorkOrder, _ ctx: MachineContext, _ wrap: (M.State) -> OrderState
    ) throws(Rejection) -> Step {
        var machine = machine
        let table = M.transitionTable
        let event: M.Event
        switch input {
        case .event(let raw): event = try M.decode(raw, context: ctx)
        case .timer(let purpose): event = M.timerEvent(purpose)
        }
        let name = M.name(of: event)
        let from = machine.stateName
        guard table.allows(name, from: from) else {
            if case .timer(let purpose) = input {
                throw Rejection(.stale_timer, "timer '\(purpose.rawValue)' has nothing to do while the \(table.name) order is '\(from)'")
            }
            throw M.explainRefusal(name, in: from) ?? table.refusal(name, in: from)
        }
        var actions = try machine.handle(event, context: ctx)
        let to = machine.stateName
        guard table.contains(from: from, event: name, to: to) else {
            throw Rejection(.internal_inconsistency, "\(table.name): '\(name)' led from '\(from)' to '\(to)', which the transition table does not list")
        }
        if table.finals.contains(to) && !machine.ownerReplied {
            throw .violation("IN-03", "no work order may end without a reply to the owner being recorded")
        }
        actions += policy.notifications
            .filter { $0.applies(to: order.kind, event: name, from: from, to: to) }
            .flatMap(\.actions)
        var next = order
        next.state = wrap(machine.state)
        let entry = HistoryEntry(at: ctx.now, event: name, actor: ctx.actor, from: from, to: to, policyVersion: order.policyVersion)
        return Step(order: next, actions: actions, history: entry)
    }
}
