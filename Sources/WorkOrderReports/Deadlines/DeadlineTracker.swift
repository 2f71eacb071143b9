import WorkOrderCore
import WorkOrderStore

/// Reads an order's deadlines from its history: the server writes `deadline_set`
/// (`<purpose> <due ms>`) when one is armed, `deadline_cleared` (`<purpose>`) when it is
/// cancelled, and the purpose's own event (`on_site_overdue`, `callback_due`, …) when
/// it fires. Timers still armed in the store complete the picture. A call-back's firing
/// only makes it due: it is kept when answered within its `CallbackWindow`.
public struct DeadlineTracker {
    public var risk: RiskThreshold
    /// The call-back policy and the sites' calendars, for call-backs' answer windows.
    public var policy: PolicySet

    public init(risk: RiskThreshold = .standard, policy: PolicySet) {
        self.risk = risk
        self.policy = policy
    }

    public func deadlines(of record: OrderRecord, at now: Instant) -> [TrackedDeadline] {
        let window = CallbackWindow(policy: policy.callbacks, calendar: policy.calendar(forSite: record.order.site))
        func answerBy(_ purpose: TimerPurpose, _ due: Instant) -> Instant? {
            CallbackWindow.applies(to: purpose) ? window.end(forCallbackDueAt: due) : nil
        }
        var running: [TimerPurpose: Running] = [:]
        var done: [TrackedDeadline] = []
        for row in record.history {
            // A missed deadline stops being late once someone acts on the order.
            for (purpose, entry) in running where entry.firedInState != nil && Self.actsOn(row, firedIn: entry.firedInState) {
                done.append(entry.closed(lateUntil: row.at))
                running[purpose] = nil
            }
            for (purpose, entry) in running where entry.fellDueInState != nil && Self.answersCallback(row, fellDueIn: entry.fellDueInState) {
                done.append(entry.cleared(at: row.at))
                running[purpose] = nil
            }
            if let (purpose, due) = row.deadlineSet {
                if var entry = running[purpose], entry.firedInState == nil, entry.fellDueInState == nil {
                    entry.deadline.due = due
                    entry.deadline.answerBy = answerBy(purpose, due)
                    entry.deadline.moves += 1
                    running[purpose] = entry
                } else {
                    if let missed = running[purpose] {
                        done.append(missed.firedInState != nil ? missed.closed(lateUntil: row.at) : missed.dropped(at: row.at))
                    }
                    running[purpose] = Running(purpose: purpose, setAt: row.at, due: due, answerBy: answerBy(purpose, due))
                }
            } else if let purpose = row.deadlineCleared {
                guard let entry = running.removeValue(forKey: purpose) else { continue }
                done.append(entry.firedInState == nil ? entry.cleared(at: row.at) : entry.closed(lateUntil: row.at))
            } else if let purpose = DeadlineRule.firedPurpose(event: row.event), var entry = running[purpose], entry.firedInState == nil {
                entry.fire(at: row.at, state: row.state)
                if entry.deadline.isReminder {
                    done.append(entry.deadline)
                    running[purpose] = nil
                } else {
                    running[purpose] = entry
                }
            }
        }
        // Timers armed before deadlines were written to the history.
        for timer in record.armedTimers where running[timer.id.purpose] == nil {
            running[timer.id.purpose] = Running(purpose: timer.id.purpose, setAt: nil, due: timer.due,
                                                answerBy: answerBy(timer.id.purpose, timer.due))
        }
        let finished = record.order.isFinished
        let lastAt = record.history.last?.at
        for entry in running.values {
            if entry.firedInState != nil {
                done.append(finished ? entry.closed(lateUntil: lastAt ?? now) : entry.deadline)
            } else if finished && !record.armedTimers.contains(where: { $0.id.purpose == entry.deadline.purpose }) {
                done.append(entry.dropped(at: lastAt ?? now))
            } else {
                done.append(entry.judged(at: now, risk: risk))
            }
        }
        return done.sorted { ($0.due, $0.purpose.rawValue) < ($1.due, $1.purpose.rawValue) }
    }

    /// The order moved on, or a person did something to it that it accepted. Passing
    /// it up by hand (`escalated`) is not doing the late work, so it stays late.
    static func actsOn(_ row: HistoryRecord, firedIn state: String?) -> Bool {
        if row.state != state { return true }
        return !row.actor.hasPrefix("system") && !row.event.hasPrefix("rejected:") && row.event != "escalated"
    }

    /// A call-back that fell due is answered when a person reaches the owner, or records
    /// the last attempt as not reached: the call-backs then end and the order moves on
    /// (CallbackLifecycle's `unreachable`), which an earlier attempt does not do.
    static func answersCallback(_ row: HistoryRecord, fellDueIn state: String?) -> Bool {
        row.event == "callback_reached" || (row.event == "callback_not_reached" && row.state != state)
    }

    /// `<purpose> <due ms>`.
    static func parseSet(_ detail: String) -> (TimerPurpose, Instant)? {
        let parts = detail.split(separator: " ")
        guard parts.count == 2, let purpose = TimerPurpose(rawValue: String(parts[0])), let ms = Int64(parts[1]) else { return nil }
        return (purpose, Instant(millisecondsSinceEpoch: ms))
    }
}
