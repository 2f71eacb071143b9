import WorkOrderCore

/// What each kind of deadline enforces, for the reports. Mirrors the rule IDs on
/// `TimerPurpose`'s cases; a purpose added there without a line here shows no rule.
public enum DeadlineRule {
    public static func rules(for purpose: TimerPurpose) -> [String] {
        switch purpose {
        case .response: return ["CMP-09"]
        case .contact_owner: return ["CMP-04"]
        case .collective_report: return ["CMP-03"]
        case .reply: return ["CMP-06", "CMP-07"]
        case .answer: return ["CMP-08"]
        case .handling: return ["CMP-08", "CMP-14"]
        case .report_back: return ["CMP-12"]
        case .on_site: return ["REP-01"]
        case .arrival_check: return ["REP-06"]
        case .help_response: return ["HELP-02", "HELP-04"]
        case .callback: return ["CB-01", "CB-02", "CB-03"]
        case .callback_retry: return ["CB-02"]
        case .owner_question: return ["CB-07"]
        case .escalation: return ["CMP-11"]
        }
    }

    /// Reminders fire at a time something should be done; their firing is the plan,
    /// not a breach, so they stay out of SLA compliance. An escalation's climb is one: the
    /// breach was the deadline whose miss started it.
    public static func isReminder(_ purpose: TimerPurpose) -> Bool {
        purpose == .arrival_check || purpose == .callback_retry || purpose == .escalation
    }

    /// The purpose whose firing produced a history row named `event`, if any.
    public static func firedPurpose(event: String) -> TimerPurpose? {
        TimerPurpose.allCases.first { $0.eventName == event }
    }
}

/// When an open deadline counts as at risk: less than `sharePercent` of its span left,
/// or — when `within` is given, or the span is unknown because the deadline was armed
/// before the server recorded deadlines in the history — less than `within` left.
public struct RiskThreshold: Hashable, Sendable {
    public var sharePercent: Double
    public var within: Duration?
    /// Used only for deadlines whose start is unknown.
    public var fallbackWithin: Duration

    /// 25% of the span; 30 minutes for deadlines of unknown span.
    public static let standard = RiskThreshold(sharePercent: 25, within: nil, fallbackWithin: .seconds(30 * 60))

    public init(sharePercent: Double, within: Duration?, fallbackWithin: Duration = .seconds(30 * 60)) {
        self.sharePercent = sharePercent
        self.within = within
        self.fallbackWithin = fallbackWithin
    }

    func isAtRisk(setAt: Instant?, due: Instant, now: Instant) -> Bool {
        let left = due.millisecondsSinceEpoch - now.millisecondsSinceEpoch
        guard left > 0 else { return false }
        if let within, left < within.wholeMilliseconds { return true }
        guard let setAt else { return left < fallbackWithin.wholeMilliseconds }
        let span = Double(due.millisecondsSinceEpoch - setAt.millisecondsSinceEpoch)
        return Double(left) < span * sharePercent / 100
    }
}
