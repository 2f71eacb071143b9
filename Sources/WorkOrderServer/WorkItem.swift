import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore

/// One thing for the writer to apply: an incoming message or a fired timer.
enum WorkItem: Sendable {
    case intake(IntakeRequest, messageID: String, original: DeadLetterOriginal)
    /// `sender`: the AMQP `user_id` (the broker user that published it), when it had one.
    case transition(TransitionMessage, messageID: String, replyTo: String?, correlationID: String?, original: DeadLetterOriginal, sender: String? = nil)
    /// Unusable input: recorded in the inbox and dead-lettered with the reason.
    case deadLetter(reason: String, messageID: String, original: DeadLetterOriginal)
    case timer(ArmedTimer)

    var isDeadLetter: Bool {
        if case .deadLetter = self { return true }
        return false
    }

    /// The key the inbox records this item under.
    var inboxKey: String { messageID }

    var messageID: String {
        switch self {
        case .intake(_, let id, _), .transition(_, let id, _, _, _, _), .deadLetter(_, let id, _): return id
        case .timer(let timer): return "timer:\(timer.id)@\(timer.due.millisecondsSinceEpoch)"
        }
    }
}

/// What is kept of a message that is dead-lettered.
struct DeadLetterOriginal: Sendable {
    var exchange: String
    var routingKey: String
    var body: [UInt8]
    var messageID: String?
}

/// What became of a work item, for metrics and logs.
enum WorkOutcome: Sendable, Equatable {
    case applied(kind: OrderKind, state: String)
    case rejected(String)
    case deadLettered(String)
    case duplicate
}
