import Testing
import WorkOrderCore

/// 2026-03-02 09:00 in Beijing (a Monday).
let t0 = Instant(secondsSinceEpoch: 1_772_413_200)
func minutes(_ n: Int) -> Duration { .seconds(n * 60) }
func hours(_ n: Int) -> Duration { .seconds(n * 3600) }
func days(_ n: Int) -> Duration { .seconds(n * 86_400) }

let supervisor = Actor(id: "li.cs", role: .cs_supervisor)
let director = Actor(id: "wang.director", role: .site_director)
let staff = Actor(id: "zhao.cs", role: .cs_staff)
let technician = Actor(id: "chen.tech", role: .technician)
let engineeringSupervisor = Actor(id: "liu.eng", role: .engineering_supervisor)
let teamLeader = Actor(id: "he.leader", role: .team_leader)
let guardOnDuty = Actor(id: "sun.security", role: .security)

let testHousehold = Household(building: "3", unit: "2", room: "501")

func intake(
    _ kind: OrderKind, subject: String = "other", channel: Channel = .phone, fields: [String: JSONValue] = [:],
    repeatOf: [String] = []
) -> IntakeRequest {
    IntakeRequest(
        kind: kind, site: "garden-court", household: testHousehold, owner: Owner(name: "Zhang San", phone: "13800000000"),
        channel: channel, subject: subject, content: "owner's words", recordedBy: staff, repeatOf: repeatOf, fields: fields)
}

/// The record every accepted intake starts with.
func receivedRecord(_ subject: String, via channel: Channel = .phone, at now: Instant = t0) -> WorkflowAction {
    .record("received via \(channel.rawValue) from 3-2-501 at \(local(now)): \(subject)")
}

func timer(_ purpose: TimerPurpose, _ order: String = "WO-1") -> TimerID { TimerID(order: order, purpose: purpose) }

/// One order driven through the engine, event by event, with a clock the test moves.
struct Scenario {
    var engine: WorkflowEngine
    var order: WorkOrder
    var now: Instant
    var history: [HistoryEntry] = []
    var allActions: [WorkflowAction] = []

    /// Opens an order; returns the scenario and the opening actions.
    static func open(_ request: IntakeRequest, policy: PolicySet = PolicySet(version: "test"), id: String = "WO-1", at now: Instant = t0)
        throws -> (Scenario, [WorkflowAction])
    {
        let engine = WorkflowEngine(policy: policy)
        let step = try engine.open(request, id: id, at: now).get()
        var scenario = Scenario(engine: engine, order: step.order, now: now)
        scenario.history = [step.history]
        scenario.allActions = step.actions
        return (scenario, step.actions)
    }

    var calendar: BusinessCalendar { engine.policy.calendar(forSite: order.site) }

    func due(_ span: PolicyDuration, from start: Instant? = nil) -> Instant {
        calendar.due(after: span, from: start ?? now)
    }

    /// Applies an event `after` the current time; returns its actions.
    mutating func send(_ name: String, by actor: Actor, after: Duration = .zero, _ fields: [String: JSONValue] = [:]) throws -> [WorkflowAction] {
        now = now + after
        let step = try engine.handle(OrderEvent(name, by: actor, fields: fields), on: order, at: now).get()
        return accept(step)
    }

    /// The rejection an event gets (the order does not change).
    func rejection(_ name: String, by actor: Actor, after: Duration = .zero, _ fields: [String: JSONValue] = [:]) -> Rejection? {
        switch engine.handle(OrderEvent(name, by: actor, fields: fields), on: order, at: now + after) {
        case .success: return nil
        case .failure(let rejection): return rejection
        }
    }

    /// Fires a timer at `at` (default: now); returns its actions.
    mutating func fire(_ purpose: TimerPurpose, at instant: Instant? = nil) throws -> [WorkflowAction] {
        now = instant ?? now
        let step = try engine.timerFired(TimerID(order: order.id, purpose: purpose), on: order, at: now).get()
        return accept(step)
    }

    private mutating func accept(_ step: Step) -> [WorkflowAction] {
        order = step.order
        history.append(step.history)
        allActions += step.actions
        return step.actions
    }
}

extension WorkflowAction {
    var isReply: Bool {
        if case .replyToOwner = self { return true }
        return false
    }
}

/// How texts for people show an instant: site-local date and time on the default
/// calendar (Beijing time), e.g. t0 is `2026-03-02 09:00`.
func local(_ instant: Instant) -> String {
    PolicySet(version: "test").calendar(forSite: "garden-court").localText(instant)
}
