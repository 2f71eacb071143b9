import WorkOrderCore

extension DeadlineTracker {
    /// A deadline between arming and its end, and the state the order was in when it
    /// fired (a missed deadline is late until the state changes).
    struct Running {
        var deadline: TrackedDeadline
        var firedInState: String?

        init(purpose: TimerPurpose, setAt: Instant?, due: Instant) {
            deadline = TrackedDeadline(
                purpose: purpose, rules: DeadlineRule.rules(for: purpose), setAt: setAt, due: due, outcome: .open,
                closedAt: nil, lateNow: false, moves: 0)
        }

        mutating func fire(at instant: Instant, state: String) {
            firedInState = state
            deadline.closedAt = instant
            deadline.outcome = deadline.isReminder ? .reminded : .breached
            deadline.lateNow = !deadline.isReminder
        }

        /// Cancelled while running: met when in time, breached when the timer had not
        /// fired yet only because the server was not running.
        func cleared(at instant: Instant) -> TrackedDeadline {
            var d = deadline
            d.closedAt = instant
            d.outcome = instant <= d.due ? .met : (d.isReminder ? .reminded : .breached)
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
            d.outcome = instant <= d.due ? .dropped : .breached
            return d
        }

        /// Still running at `now`.
        func judged(at now: Instant, risk: RiskThreshold) -> TrackedDeadline {
            var d = deadline
            if now > d.due {
                d.outcome = d.isReminder ? .reminded : .breached
                d.lateNow = !d.isReminder
            } else {
                d.outcome = risk.isAtRisk(setAt: d.setAt, due: d.due, now: now) ? .at_risk : .open
            }
            return d
        }
    }
}
