import WorkOrderCore

/// One deadline of an order, from the moment it was armed until it was met, missed,
/// or is still running.
public struct TrackedDeadline: Hashable, Codable, Sendable {
    public var purpose: TimerPurpose
    public var rules: [String]
    /// When it was armed; nil when only the store's armed timer is known.
    public var setAt: Instant?
    public var due: Instant
    /// A call-back falls due at `due` and is kept when answered by this (`CallbackWindow`);
    /// nil for every other deadline, which is kept by `due` itself.
    public var answerBy: Instant?
    public var outcome: DeadlineOutcome
    /// When it was met (cleared or answered), missed (fired or done late) or reminded.
    public var closedAt: Instant?
    /// Missed, and nobody has acted on the order since: late now.
    public var lateNow: Bool
    /// Moved to a later time while running (CMP-14) this many times.
    public var moves: Int

    public var isReminder: Bool { DeadlineRule.isReminder(purpose) }

    /// The time by which it had to be done to be met.
    public var keptBy: Instant { answerBy ?? due }

    /// How late it is, or was when it closed, counted from `keptBy`; zero when not late.
    public func lateness(at now: Instant) -> Duration {
        guard outcome == .breached else { return .zero }
        let end = lateNow ? now : (closedAt ?? now)
        return .milliseconds(max(0, end.millisecondsSinceEpoch - keptBy.millisecondsSinceEpoch))
    }
}

public enum DeadlineOutcome: String, Hashable, Codable, Sendable, CaseIterable {
    /// Done by the due time (a call-back: answered within its window).
    case met
    /// Running, with time to spare.
    case open
    /// Running, with little time left (see `RiskThreshold`).
    case at_risk
    /// The due time (a call-back: its window) passed before it was done.
    case breached
    /// A reminder that fired as planned.
    case reminded
    /// Dropped without being due, because the order ended another way.
    case dropped
}
