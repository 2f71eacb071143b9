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
