import WorkOrderCore

/// One deadline of an order, from the moment it was armed until it was met, missed,
/// or is still running.
public struct TrackedDeadline: Hashable, Codable, Sendable {
    public var purpose: TimerPurpose
    public var rules: [String]
    /// When it was armed; nil when only the store's armed timer is known.
    public var setAt: Instant?
    public var due: Instant
    public var outcome: DeadlineOutcome
    /// When it was met (cleared), missed (fired or cleared late) or reminded.
    public var closedAt: Instant?
    /// Missed, and nobody has acted on the order since: late now.
    public var lateNow: Bool
    /// Moved to a later time while running (CMP-14) this many times.
    public var moves: Int

    public var isReminder: Bool { DeadlineRule.isReminder(purpose) }

    /// How late it is, or was when it closed; zero when not late.
    public func lateness(at now: Instant) -> Duration {
        guard outcome == .breached else { return .zero }
        let end = lateNow ? now : (closedAt ?? now)
        return .milliseconds(max(0, end.millisecondsSinceEpoch - due.millisecondsSinceEpoch))
    }
}

public enum DeadlineOutcome: String, Hashable, Codable, Sendable, CaseIterable {
    /// Done before the due time.
    case met
    /// Running, with time to spare.
    case open
    /// Running, with little time left (see `RiskThreshold`).
    case at_risk
    /// The due time passed before it was done.
    case breached
    /// A reminder that fired as planned.
    case reminded
    /// Dropped without being due, because the order ended another way.
    case dropped
}
