/// What happens during call-backs.
public enum CallbackEvent: Sendable {
    case due
    case retryDue
    case reached(CallbackAnswer)
    case notReached(note: String?)
    case rectified(note: String?)

    public var name: String {
        switch self {
        case .due: return TimerPurpose.callback.eventName
        case .retryDue: return TimerPurpose.callback_retry.eventName
        case .reached: return "callback_reached"
        case .notReached: return "callback_not_reached"
        case .rectified: return "rectified"
        }
    }

    static let names = ["callback_reached", "callback_not_reached", "rectified"]

    init?(timer: TimerPurpose) {
        switch timer {
        case .callback: self = .due
        case .callback_retry: self = .retryDue
        default: return nil
        }
    }

    /// Decodes a call-back event; nil when `event` is not one.
    static func decode(_ event: OrderEvent, context: MachineContext) throws(Rejection) -> CallbackEvent? {
        let fields = FieldReader(fields: event.fields, source: "event '\(event.name)'")
        switch event.name {
        case "callback_reached":
            return .reached(try CallbackAnswer(fields, context: context))
        case "callback_not_reached":
            return .notReached(note: try fields.optionalString("note"))
        case "rectified":
            return .rectified(note: try fields.optionalString("note"))
        default:
            return nil
        }
    }
}

/// What the owner said at a call-back, recorded by the script (CB-04) in a form (CB-05).
public struct CallbackAnswer: Hashable, Codable, Sendable {
    public var form: ContactForm
    public var by: Actor
    public var at: Instant
    public var satisfaction: String
    public var ownerSigned: Bool
    public var openQuestion: String?
    public var answerBy: Instant?

    init(_ fields: FieldReader, context: MachineContext) throws(Rejection) {
        form = try fields.choice("form", ContactForm.self)
        guard form != .on_the_spot else {
            throw Rejection(.invalid_field, "a call-back is made by home_visit, phone or letter", rule: "CB-05")
        }
        guard try fields.bool("script_followed") else {
            throw .violation("CB-04", "a call-back follows the script (greeting, introduction, summary, satisfaction, anything else, thanks) before it is recorded")
        }
        satisfaction = try fields.string("satisfaction")
        let scale = context.policy.satisfaction.levels
        guard scale.contains(satisfaction) else {
            throw Rejection(.invalid_field, "satisfaction '\(satisfaction)' is not on the scale: " + scale.joined(separator: ", "))
        }
        ownerSigned = try fields.optionalBool("owner_signed") ?? false
        if form == .home_visit && !ownerSigned {
            throw .violation("CB-05", "a home-visit call-back needs the owner's signature (owner_signed: true)")
        }
        by = context.actor
        at = context.now
        openQuestion = try fields.optionalString("open_question")
        answerBy = try fields.optionalInstant("answer_by")
        if openQuestion != nil {
            guard let answerBy, answerBy > context.now else {
                throw .violation("CB-07", "a question the owner raised that cannot be solved now needs a definite future answer time (answer_by)")
            }
        }
    }
}
