import WorkOrderCore

extension DeadlineTracker {
    /// A deadline between arming and its end, and the state the order was in when it
    /// fired (a missed deadline is late until the state changes).
    struct Running {
        var deadline: TrackedDeadline
        var firedInState: String?
        /// A call-back that fell due and waits for its answer, and the state the order was
        /// in then (the last attempt not reached ends the call-backs and moves the order on).
        var fellDueInState: String?

        init(purpose: TimerPurpose, setAt: Instant?, due: Instant, answerBy: Instant?) {
            deadline = TrackedDeadline(
                purpose: purpose, rules: DeadlineRule.rules(for: purpose), setAt: setAt, due: due, answerBy: answerBy,
                outcome: .open, closedAt: nil, lateNow: false, moves: 0)
        }

        mutating func fire(at instant: Instant, state: String) {
            // A call-back falling due is the time to make the call, not a miss.
            if deadline.answerBy != nil {
                fellDueInState = state
                return
            }
            firedInState = state
            deadline.closedAt = instant
            deadline.outcome = deadline.isReminder ? .reminded : .breached
            deadline.lateNow = !deadline.isReminder
        }

        /// Cancelled, or a call-back answered, while running: met when in time, breached
        /// when the timer had not fired yet only because the server was not running.
        func cleared(at instant: Instant) -> TrackedDeadline {
            var d = deadline
            d.closedAt = instant
            d.outcome = instant <= d.keptBy ? .met : (d.isReminder ? .reminded : .breached)
            return d
        }

        /// A missed deadline that someone has since acted on.
        func closed(lateUntil instant: Instant) -> TrackedDeadline {
            var d = deadline
            d.lateNow = false
            if d.outcome == .breached { d.closedAt = instant }
            return d
        }

        func dropped(at instant: Instant) -> TrackedDeadline {
            var d = deadline
            d.closedAt = instant
            d.outcome = instant <= d.keptBy ? .dropped : .breached
            return d
        }

        /// Still running at `now`.
        func judged(at now: Instant, risk: RiskThreshold) -> TrackedDeadline {
            var d = deadline
            if now > d.keptBy {
                d.outcome = d.isReminder ? .reminded : .breached
                d.lateNow = !d.isReminder
            } else if d.answerBy != nil && now >= d.due {
                d.outcome = .at_risk   // a call-back owed now, its window running
            } else {
                d.outcome = risk.isAtRisk(setAt: d.setAt, due: d.keptBy, now: now) ? .at_risk : .open
            }
            return d
        }
    }
}
