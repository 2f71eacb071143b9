import WorkOrderCore
import WorkOrderReports
import WorkOrderStore

/// 2026-03-02 09:00 in Beijing (a Monday).
let t0 = Instant(secondsSinceEpoch: 1_772_413_200)

func at(minutes n: Int64) -> Instant { Instant(millisecondsSinceEpoch: t0.millisecondsSinceEpoch + n * 60_000) }
func at(hours n: Int64) -> Instant { at(minutes: n * 60) }

let testPolicy = PolicySet(version: "test")

func context(now: Instant, risk: RiskThreshold = .standard, reveal: Bool = false) -> ReadContext {
    ReadContext(now: now, policy: testPolicy, risk: risk, reveal: reveal)
}

/// An order opened through the engine, so it is a real order of its kind.
func openOrder(_ kind: OrderKind, id: String, subject: String = "other", room: String = "501",
               fields: [String: JSONValue] = [:], openedAt: Instant = t0) throws -> WorkOrder {
    let intake = IntakeRequest(
        kind: kind, site: "garden-court", household: Household(building: "3", unit: "2", room: room),
        owner: Owner(name: "Zhang San", phone: "13812345678"), channel: .phone, subject: subject,
        content: "owner's words", recordedBy: Actor(id: "zhao.cs", role: .cs_staff), fields: fields)
    return try WorkflowEngine(policy: testPolicy).open(intake, id: id, at: openedAt).get().order
}

func repair(_ id: String, subject: String = "tap", room: String = "501", closed: Bool = false) throws -> WorkOrder {
    var order = try openOrder(.repair, id: id, subject: subject, room: room, fields: ["mode": "immediate", "category": "other"])
    if closed, case .repair(let state) = order.state { order.state = .repair(.closed(state.file)) }
    return order
}

func complaint(_ id: String, subject: String = "public_repair", closed: Bool = false) throws -> WorkOrder {
    var order = try openOrder(.complaint, id: id, subject: subject)
    if closed, case .complaint(let state) = order.state { order.state = .complaint(.closed(state.file)) }
    return order
}

/// History lines written the way the server writes them.
struct HistoryWriter {
    let order: String
    var rows: [HistoryRecord] = []
    var state: String
    private var sequence = 0

    init(order: String, state: String = "open") {
        self.order = order
        self.state = state
    }

    mutating func add(_ event: String, at instant: Instant, actor: String = "system (system)", detail: String = "", state next: String? = nil) {
        if let next { state = next }
        sequence += 1
        rows.append(HistoryRecord(orderID: order, at: instant, event: event, actor: actor, detail: detail,
                                  messageID: "m\(sequence)", state: state))
    }

    /// A row of the same message as the last one (the step's notes, timers, tasks).
    mutating func addToLastMessage(_ event: String, detail: String) {
        let last = rows[rows.count - 1]
        rows.append(HistoryRecord(orderID: order, at: last.at, event: event, actor: "system", detail: detail,
                                  messageID: last.messageID, state: state))
    }

    mutating func set(_ purpose: TimerPurpose, due: Instant, at instant: Instant) {
        add("deadline_set", at: instant, detail: "\(purpose.rawValue) \(due.millisecondsSinceEpoch)")
    }

    mutating func clear(_ purpose: TimerPurpose, at instant: Instant, state next: String? = nil) {
        add("deadline_cleared", at: instant, detail: purpose.rawValue, state: next)
    }

    mutating func fire(_ purpose: TimerPurpose, at instant: Instant) {
        add(purpose.eventName, at: instant)
    }

    mutating func scheduleCallback(round: Int, due: Instant, at instant: Instant) {
        add("callback_scheduled", at: instant, detail: "round \(round) due \(due.millisecondsSinceEpoch) by cs_staff")
    }

    /// A call-back round scheduled: `callback_scheduled` and its `deadline_set`, in one
    /// message as the server writes them.
    mutating func armCallback(round: Int, due: Instant, at instant: Instant) {
        scheduleCallback(round: round, due: due, at: instant)
        addToLastMessage("deadline_set", detail: "callback \(due.millisecondsSinceEpoch)")
    }

    /// The call-back timer firing: `callback_due`, then the task sent to the caller.
    mutating func callbackFallsDue(round: Int, attempt: Int = 1, at instant: Instant) {
        fire(.callback, at: instant)
        addToLastMessage("callback_task", detail: "round \(round) attempt \(attempt) to cs_staff")
    }

    /// The retry timer firing after an attempt that did not reach the owner.
    mutating func retryFallsDue(round: Int, attempt: Int, at instant: Instant) {
        fire(.callback_retry, at: instant)
        addToLastMessage("callback_task", detail: "round \(round) attempt \(attempt) to cs_staff")
    }

    /// `callback_not_reached` and what the engine does with it: a note and a retry, or on
    /// the last attempt a note that the call-backs end and the order closes.
    mutating func notReached(round: Int, attempt: Int, of attempts: Int = 3, retryAfter: Duration = .seconds(2 * 3600),
                             at instant: Instant) {
        let last = attempt >= attempts
        add("callback_not_reached", at: instant, actor: "zhao.cs (cs_staff)", detail: "callback_not_reached by zhao.cs (cs_staff)",
            state: last ? "closed" : nil)
        let line = "call-back round \(round): owner not reached (attempt \(attempt) of \(attempts))"
        addToLastMessage("note", detail: last ? line + "; call-backs end unreached" : line)
        if !last { addToLastMessage("deadline_set", detail: "callback_retry \((instant + retryAfter).millisecondsSinceEpoch)") }
    }

    /// `callback_reached` and the engine's note, in one message as the server writes them.
    mutating func reached(round: Int, _ satisfaction: String, at instant: Instant, state next: String? = nil) {
        add("callback_reached", at: instant, actor: "zhao.cs (cs_staff)", detail: "callback_reached by zhao.cs (cs_staff)", state: next)
        let message = rows[rows.count - 1].messageID
        rows.append(HistoryRecord(orderID: order, at: instant, event: "note", actor: "system",
                                  detail: "call-back round \(round) by phone, zhao.cs: \(satisfaction)", messageID: message, state: state))
    }
}

func facts(_ order: WorkOrder, _ history: [HistoryRecord] = [], timers: [ArmedTimer] = [], now: Instant,
           followups: [Followup] = []) -> OrderFacts {
    OrderFacts(OrderRecord(order: order, history: history, armedTimers: timers, followups: followups), context: context(now: now))
}
