import WorkOrderCore
import WorkOrderStore

/// `wo show`: an order's whole record — every event with who, when and from which
/// message, each deadline and whether it was met, escalations, call-backs and their
/// answers, and the orders linked to it either way.
public struct OrderTimeline: Hashable, Codable, Sendable {
    public var order: OrderRow
    /// What the owner said, as recorded at intake (IN-01).
    public var content: String
    /// CMP-02: for a complaint of a collective event, what it is part of; nil otherwise.
    public var collective: String?
    public var channel: String
    public var policyVersion: String
    public var events: [Event]
    public var deadlines: [TrackedDeadline]
    public var escalations: [Followup]
    public var notifications: [Followup]
    public var dispatches: [Dispatch]
    public var callbacks: CallbackLog
    public var links: [Link]

    public struct Event: Hashable, Codable, Sendable {
        public var at: Instant
        public var event: String
        public var actor: String
        public var detail: String
        public var messageID: String?
        public var state: String
        /// What the row records as data, for rendering its detail in another language;
        /// not part of `--json` (the detail is).
        public var fact: HistoryFact?

        enum CodingKeys: String, CodingKey { case at, event, actor, detail, messageID, state }
    }

    public struct Link: Hashable, Codable, Sendable {
        public var relation: String
        public var order: String
        /// `to`: this order points at the other; `from`: the other points here.
        public var direction: String
    }

    /// `linkedFrom`: orders whose own links name this one (a parent does not record
    /// the children it opened; they record it).
    public init(_ facts: OrderFacts, linkedFrom: [WorkOrder] = [], context: ReadContext) {
        let record = facts.record
        order = OrderRow(facts, context: context)
        content = record.order.content
        if case .complaint(let state) = record.order.state, state.file.collective {
            let file = state.file
            collective = file.collectiveLead.map { "bound to collective complaint \($0) (\(file.households) households); reply by home visit" }
                ?? "collective complaint of \(file.households) households: the special report is filed here; the others are bound to it"
        }
        channel = record.order.channel.rawValue
        policyVersion = record.order.policyVersion
        let calendar = context.calendar(forSite: record.order.site)
        events = record.history.map {
            Event(at: $0.at, event: $0.event, actor: $0.actor, detail: Self.readable($0, calendar: calendar), messageID: $0.messageID, state: $0.state,
                  fact: $0.fact)
        }
        deadlines = facts.deadlines
        escalations = record.followups.filter(\.isEscalation)
        notifications = record.followups.filter { !$0.isEscalation }
        dispatches = record.dispatches
        callbacks = facts.callbacks
        let id = record.order.id
        links = record.order.links.map { Link(relation: $0.relation.rawValue, order: $0.order, direction: "to") }
            + linkedFrom.flatMap { other in
                other.links.filter { $0.order == id }.map { Link(relation: $0.relation.rawValue, order: other.id, direction: "from") }
            }
    }

    /// The rows the server writes for the reports to read (`deadline_set`,
    /// `callback_scheduled`) carry epoch milliseconds; people read site-local times.
    static func readable(_ row: HistoryRecord, calendar: BusinessCalendar) -> String {
        switch row.event {
        case "deadline_set":
            guard let (purpose, due) = row.deadlineSet else { return row.detail }
            return "\(purpose.rawValue) due \(due, in: calendar)"
        case "callback_scheduled":
            guard let call = row.callbackScheduled, let due = call.due else { return row.detail }
            return "round \(call.round) due \(due, in: calendar) by \(call.by ?? "?")"
        default:
            return row.detail
        }
    }
}
