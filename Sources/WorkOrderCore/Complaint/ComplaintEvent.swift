/// What can happen to a complaint.
public enum ComplaintEvent: Sendable {
    case classified(ComplaintValidity, severity: ComplaintSeverity?, solvingParty: String?, ownerDeadline: Instant?)
    case responded
    case contacted(agreedReplyAt: Instant)
    case collectiveReported(replyAt: Instant, incidentReport: String)
    case reportedInWriting(reference: String)
    case progressTold(note: String)
    case harmContained
    case cannotSolve(reason: String)
    case extensionGranted(TimerPurpose, newDeadline: Instant, reason: String)
    case handled(onTheSpot: Bool, summary: String)
    case reportedBack
    case replied(ContactForm, content: String, ownerSigned: Bool, writtenCopy: Bool, callbackSample: Double)
    case callback(CallbackEvent)
    case timer(TimerPurpose)

    public var name: String {
        switch self {
        case .classified: return "classified"
        case .responded: return "responded"
        case .contacted: return "contacted"
        case .collectiveReported: return "collective_reported"
        case .reportedInWriting: return "reported_in_writing"
        case .progressTold: return "progress_told"
        case .harmContained: return "harm_contained"
        case .cannotSolve: return "cannot_solve"
        case .extensionGranted: return "extension_granted"
        case .handled: return "handled"
        case .reportedBack: return "reported_back"
        case .replied: return "replied"
        case .callback(let event): return event.name
        case .timer(let purpose): return purpose.eventName
        }
    }
}

extension ComplaintOrder {
    static func decode(_ event: OrderEvent, context: MachineContext) throws(Rejection) -> ComplaintEvent {
        if let callback = try CallbackEvent.decode(event, context: context) { return .callback(callback) }
        let f = FieldReader(fields: event.fields, source: "event '\(event.name)'")
        switch event.name {
        case "classified":
            return .classified(
                try f.choice("class", ComplaintValidity.self), severity: try f.optionalChoice("severity", ComplaintSeverity.self),
                solvingParty: try f.optionalString("solving_party"), ownerDeadline: try f.optionalInstant("owner_deadline"))
        case "responded": return .responded
        case "contacted": return .contacted(agreedReplyAt: try f.instant("agreed_reply_at"))
        case "collective_reported":
            return .collectiveReported(replyAt: try f.instant("reply_at"), incidentReport: try f.string("incident_report"))
        case "reported_in_writing": return .reportedInWriting(reference: try f.string("reference"))
        case "progress_told": return .progressTold(note: try f.string("note"))
        case "harm_contained": return .harmContained
        case "cannot_solve": return .cannotSolve(reason: try f.string("reason"))
        case "extension_granted":
            return .extensionGranted(
                try f.choice("deadline", TimerPurpose.self), newDeadline: try f.instant("new_deadline"), reason: try f.string("reason"))
        case "handled": return .handled(onTheSpot: try f.optionalBool("on_the_spot") ?? false, summary: try f.string("summary"))
        case "reported_back": return .reportedBack
        case "replied":
            return .replied(
                try f.choice("form", ContactForm.self), content: try f.string("content"),
                ownerSigned: try f.optionalBool("owner_signed") ?? false, writtenCopy: try f.optionalBool("written_copy") ?? false,
                callbackSample: try f.optionalNumber("callback_sample") ?? 0)
        default: throw unknown(event)
        }
    }

    static func name(of event: ComplaintEvent) -> String { event.name }
}
