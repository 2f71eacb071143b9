import WorkOrderCore

/// How long a call-back that fell due may wait for its answer and still count as kept.
///
/// CB-01 … CB-03 fix when a call-back falls due, and the engine schedules it at exactly
/// that time, so the due time is when the call is to be made, not a time by which it
/// must already have been made. The policy names no answer window, but it spaces the
/// attempts (`retry_after`, at most `max_attempts`, CB-02's retries): the window is the
/// time those attempts take when each is made within one spacing of the last —
/// `max_attempts` × `retry_after` after the due time (3 × 2 h = 6 h by default), counted
/// on the site's calendar like the engine counts its retries. Answered means reached, or
/// the last attempt recorded as not reached.
public struct CallbackWindow: Sendable {
    public var retryAfter: PolicyDuration
    public var attempts: Int
    public var calendar: BusinessCalendar

    public init(policy: CallbackPolicy, calendar: BusinessCalendar) {
        retryAfter = policy.retryAfter
        attempts = policy.maxAttempts
        self.calendar = calendar
    }

    /// When a call-back due at `due` must be answered by.
    public func end(forCallbackDueAt due: Instant) -> Instant {
        var end = due
        for _ in 0..<max(attempts, 1) { end = calendar.due(after: retryAfter, from: end) }
        return end
    }

    /// The deadlines that fall due and are then answered within the window.
    static func applies(to purpose: TimerPurpose) -> Bool { purpose == .callback }
}
