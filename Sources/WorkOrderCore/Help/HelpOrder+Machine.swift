extension HelpOrder: OrderMachine {
    var stateName: String { state.name }
    var ownerReplied: Bool { state.file.reply != nil }

    /// HELP-01 … HELP-05 at intake.
    static func open(_ intake: IntakeRequest, context: MachineContext) throws(Rejection) -> Opening<HelpState> {
        let f = FieldReader(fields: intake.fields, source: "help intake")
        let type = try f.choice("help_type", HelpType.self)
        let floor: String?
        if type == .medical {
            do { floor = try f.string("floor") } catch {
                throw Rejection(.invalid_intake, "a medical emergency records the floor (field 'floor') as well as the room", rule: "HELP-02")
            }
        } else {
            floor = try f.optionalString("floor")
        }
        var file = HelpFile(type: type, special: type.isSpecial, floor: floor,
                            topic: try f.optionalString("topic"), written: intake.channel.isWritten)
        let policy = context.policy.help
        var actions: [WorkflowAction] = [.record("help request: \(type.rawValue) (\(type.isSpecial ? "special" : "general"))")]
        let state: HelpState
        switch type {
        case .medical, .incident:
            let where_ = "\(intake.household)" + (file.floor.map { ", floor \($0)" } ?? "")
            let due = context.due(policy.emergencyConfirmWithin)
            actions.append(.dispatch(to: .security, task: DispatchTask(summary: "\(type.rawValue) at \(where_): go at once and confirm", dueBy: due)))
            let told = type == .medical ? policy.medicalNotify : policy.incidentNotify
            actions += told.map { .notify(role: $0, reason: "\(type.rawValue) emergency at \(where_)") }
            actions.append(context.arm(.help_response, at: due))
            state = .emergency(file, EmergencyLog())
        case .consultation:
            let topic = file.written ? "written" : (file.topic ?? "oral")
            guard let within = policy.consultationAnswerWithin[topic] else {
                throw Rejection(.invalid_intake, "consultation topic '\(topic)' is not one of "
                    + policy.consultationAnswerWithin.keys.sorted().joined(separator: ", "), rule: "HELP-04")
            }
            actions.append(context.arm(.help_response, after: within))
            state = .consultation(file)
        case .repair, .complaint, .paid_service:
            let kind = type.orderKind!
            let reply = "your request is being handled as a \(kind.rawValue) work order"
            file.reply = OwnerReply(form: .on_the_spot, content: reply, by: context.actor, at: context.now)
            // The help intake carries what the new kind needs (a repair's mode, a service).
            var fields = intake.fields
            fields["help_type"] = nil
            actions += [.openLinkedOrder(kind: kind, reason: intake.content, link: OrderLink(.opened_from_help, context.orderID), fields: fields),
                        .replyToOwner(form: .on_the_spot, content: reply)]
            state = .converted(file, into: kind)
        case .other:
            state = .general(file)
        }
        file = state.file
        file.deadlines.track(actions)
        return Opening(state: state.with(file), actions: actions)
    }

    static func decode(_ event: OrderEvent, context: MachineContext) throws(Rejection) -> HelpEvent {
        let f = FieldReader(fields: event.fields, source: "event '\(event.name)'")
        switch event.name {
        case "staff_arrived": return .staffArrived
        case "emergency_step": return .emergencyStep(try f.choice("step", EmergencyStep.self))
        case "resolved": return .resolved(try f.choice("form", ContactForm.self), reply: try f.string("reply"))
        case "answered": return .answered(try f.choice("form", ContactForm.self), reply: try f.string("reply"))
        default: throw unknown(event)
        }
    }

    static func name(of event: HelpEvent) -> String { event.name }
    static func timerEvent(_ purpose: TimerPurpose) -> HelpEvent { .timer(purpose) }

    public static let transitionTable = TransitionTable(
        name: "help",
        initial: ["emergency", "consultation", "general", "converted"],
        finals: ["converted", "closed"],
        transitions: [
            Transition("emergency", "staff_arrived", "emergency", rule: "HELP-02"),
            Transition("emergency", "emergency_step", "emergency", rule: "HELP-02"),
            Transition("emergency", "help_response_overdue", "emergency", rule: "HELP-03"),
            Transition("emergency", "resolved", "closed", rule: "HELP-02"),
            Transition("consultation", "answered", "closed", rule: "HELP-04"),
            Transition("consultation", "help_response_overdue", "consultation", rule: "HELP-04"),
            Transition("general", "resolved", "closed", rule: "IN-03"),
        ]
    )
}
