/// The type-erased facade the server uses: open an order from an intake, apply an
/// event, or fire a timer. Pure: the time is an argument, and the result is the new
/// order and the actions for the shell, or a rejection with a reason.
///
/// An engine runs one `PolicySet`; orders record the version they started under, and a
/// server that keeps older policy versions keeps one engine per version.
public struct WorkflowEngine: Sendable {
    public let policy: PolicySet

    public init(policy: PolicySet) {
        self.policy = policy
    }

    /// IN-01: records a request; rejects it, naming every missing field, if incomplete.
    public func open(_ intake: IntakeRequest, id: String, at now: Instant) -> Result<Step, Rejection> {
        Result { () throws(Rejection) -> Step in try openOrder(intake, id: id, at: now) }
    }

    public func handle(_ event: OrderEvent, on order: WorkOrder, at now: Instant) -> Result<Step, Rejection> {
        Result { () throws(Rejection) -> Step in try apply(.event(event), on: order, at: now) }
    }

    public func timerFired(_ timer: TimerID, on order: WorkOrder, at now: Instant) -> Result<Step, Rejection> {
        Result { () throws(Rejection) -> Step in
            guard timer.order == order.id else {
                throw Rejection(.stale_timer, "timer \(timer) belongs to order \(timer.order), not \(order.id)")
            }
            return try apply(.timer(timer.purpose), on: order, at: now)
        }
    }

    func context(order id: String, site: String, channel: Channel, actor: Actor, at now: Instant) -> MachineContext {
        MachineContext(orderID: id, policy: policy, calendar: policy.calendar(forSite: site), now: now, actor: actor, channel: channel)
    }
}

enum EngineInput {
    case event(OrderEvent)
    case timer(TimerPurpose)

    var actor: Actor {
        switch self {
        case .event(let event): return event.actor
        case .timer: return .system
        }
    }
}
