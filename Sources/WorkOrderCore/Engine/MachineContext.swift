/// What a machine needs to handle one input: the order, the policy and calendar it runs
/// under, the current time and who acted. Everything a transition reads comes from here.
struct MachineContext {
    var orderID: String
    var policy: PolicySet
    var calendar: BusinessCalendar
    var now: Instant
    var actor: Actor
    var channel: Channel

    func timer(_ purpose: TimerPurpose) -> TimerID { TimerID(order: orderID, purpose: purpose) }

    func due(_ span: PolicyDuration, from start: Instant? = nil) -> Instant {
        calendar.due(after: span, from: start ?? now)
    }

    func arm(_ purpose: TimerPurpose, after span: PolicyDuration) -> WorkflowAction {
        .armTimer(timer(purpose), due: due(span))
    }

    func arm(_ purpose: TimerPurpose, at instant: Instant) -> WorkflowAction {
        .armTimer(timer(purpose), due: instant)
    }

    func cancel(_ purpose: TimerPurpose) -> WorkflowAction { .cancelTimer(timer(purpose)) }

    var decision: Decision { Decision(by: actor, at: now) }

    /// Rejects unless the actor holds one of `roles`.
    func require(_ roles: [Role], to what: String, rule: String) throws(Rejection) {
        guard roles.contains(actor.role) else {
            throw Rejection(
                .not_permitted,
                "only " + roles.map(\.rawValue).joined(separator: " or ") + " may \(what); \(actor.id) acted as \(actor.role.rawValue)",
                rule: rule)
        }
    }
}

/// A per-kind machine the engine can drive.
protocol OrderMachine {
    associatedtype State: Hashable & Codable & Sendable
    associatedtype Event

    static var transitionTable: TransitionTable { get }
    var state: State { get }
    init(state: State)

    /// The name of the current state, as in `transitionTable`.
    var stateName: String { get }
    /// Decodes an event received from outside into this kind's typed event.
    static func decode(_ event: OrderEvent, context: MachineContext) throws(Rejection) -> Event
    static func name(of event: Event) -> String
    mutating func handle(_ event: Event, context: MachineContext) throws(Rejection) -> [WorkflowAction]
    /// The event a firing timer becomes.
    static func timerEvent(_ purpose: TimerPurpose) -> Event
    /// Opens an order of this kind from an intake already checked for IN-01.
    static func open(_ intake: IntakeRequest, context: MachineContext) throws(Rejection) -> Opening<State>
    /// IN-03: whether a reply to the owner has been recorded.
    var ownerReplied: Bool { get }
    /// A rule-specific reason for an event the table refuses here, when there is one.
    static func explainRefusal(_ event: String, in state: String) -> Rejection?
}

/// A new order's first state, the actions to run and the links it starts with.
struct Opening<State> {
    var state: State
    var actions: [WorkflowAction]
    var links: [OrderLink] = []
}

extension OrderMachine {
    /// A rule-specific reason for an event the table refuses here, when there is one.
    static func explainRefusal(_ event: String, in state: String) -> Rejection? { nil }

    /// Unknown event names are rejected with the list of the kind's events.
    static func unknown(_ event: OrderEvent) -> Rejection {
        let timerEvents = Set(TimerPurpose.allCases.map(\.eventName))
        let known = transitionTable.events.filter { !timerEvents.contains($0) }
        return Rejection(
            .unknown_event,
            "'\(event.name)' is not a \(transitionTable.name) event; expected one of " + known.joined(separator: ", "))
    }
}
