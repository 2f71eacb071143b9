/// The help-request machine (HELP-01 … HELP-05).
public struct HelpOrder: Sendable {
    public internal(set) var state: HelpState

    public init(state: HelpState) {
        self.state = state
    }

    mutating func handle(_ event: HelpEvent, context: MachineContext) throws(Rejection) -> [WorkflowAction] {
        var file = state.file
        var actions: [WorkflowAction]
        switch (state, event) {
        case (.emergency(_, var log), .staffArrived):
            log.staffArrived = context.decision
            actions = [context.cancel(.help_response), .record("\(context.actor.id) at the scene, confirmed")]
            state = .emergency(file, log)
        case (.emergency(_, var log), .emergencyStep(let step)):
            log.steps[step.rawValue] = context.decision
            actions = [.record("\(step.rawValue) by \(context.actor.id)")]
            state = .emergency(file, log)
        case (.emergency(_, let log), .resolved(let form, let reply)):
            guard log.staffArrived != nil else {
                throw .violation("HELP-02", "staff must be at the scene and confirm (staff_arrived) before the request is resolved")
            }
            actions = close(form, reply, file: &file, context: context)
        case (.general, .resolved(let form, let reply)):
            actions = close(form, reply, file: &file, context: context)
        case (.consultation, .answered(let form, let reply)):
            if file.written && form != .letter {
                throw .violation("HELP-04", "a written consultation is answered in writing (form: letter)")
            }
            actions = close(form, reply, file: &file, context: context)
        case (_, .timer(let purpose)):
            guard file.deadlines.due(purpose) != nil else {
                throw Rejection(.stale_timer, "the help request has no running '\(purpose.rawValue)' deadline")
            }
            let role: Role = file.special ? .site_director : .cs_supervisor
            actions = [.notify(role: role, reason: "\(file.type.rawValue) help request: no response by the deadline")]
            var book = file.deadlines
            book.track([context.cancel(purpose)])
            file.deadlines = book
            state = state.with(file)
            return actions
        default:
            throw Rejection(.internal_inconsistency, "help: '\(event.name)' in '\(state.name)' has no handler")
        }
        file = state.file
        file.deadlines.track(actions)
        state = state.with(file)
        return actions
    }

    private mutating func close(_ form: ContactForm, _ reply: String, file: inout HelpFile, context: MachineContext) -> [WorkflowAction] {
        file.reply = OwnerReply(form: form, content: reply, by: context.actor, at: context.now)
        let actions = file.deadlines.cancelAll(context) + [.replyToOwner(form: form, content: reply)]
        state = .closed(file)
        return actions
    }
}

extension HelpState {
    func with(_ file: HelpFile) -> HelpState {
        switch self {
        case .emergency(_, let log): return .emergency(file, log)
        case .consultation: return .consultation(file)
        case .general: return .general(file)
        case .converted(_, let kind): return .converted(file, into: kind)
        case .closed: return .closed(file)
        }
    }
}
