import WorkOrderCore

/// What happened to one item of a campaign, as recorded by `wo campaigns record`.
public enum CampaignResult: String, Hashable, Codable, CaseIterable, Sendable {
    /// RPT-02: the supervisor visited the household / went but could not (owner out).
    case visited, not_visited
    /// SAT-02: the household's survey form came back.
    case returned
    /// CB-09: the call-back reached the owner / did not.
    case reached, not_reached

    /// The results a campaign of `kind` may record.
    public static func allowed(for kind: CampaignKind) -> [CampaignResult] {
        switch kind {
        case .household_visits: return [.visited, .not_visited]
        case .satisfaction_survey: return [.returned]
        case .daily_callbacks, .special_callbacks, .quarterly_callbacks, .annual_callbacks: return [.reached, .not_reached]
        }
    }
}

/// One recorded outcome: who, when, and for call-backs the owner's answer (SAT-01 scale).
public struct CampaignOutcome: Hashable, Codable, Sendable {
    public var household: Household
    public var result: CampaignResult
    /// Staff id of whoever visited, collected the form, or called.
    public var by: String
    public var at: Instant
    public var answer: String?
    public var note: String

    public init(household: Household, result: CampaignResult, by: String, at: Instant, answer: String? = nil, note: String = "") {
        self.household = household
        self.result = result
        self.by = by
        self.at = at
        self.answer = answer
        self.note = note
    }
}

extension Sequence<CampaignOutcome> {
    /// The first time each household got `result`, for the outcomes that pass `filter`.
    func firstTimes(_ result: CampaignResult, where filter: (CampaignOutcome) -> Bool = { _ in true }) -> [Household: Instant] {
        var times: [Household: Instant] = [:]
        for o in self where o.result == result && filter(o) {
            times[o.household] = Swift.min(times[o.household] ?? o.at, o.at)
        }
        return times
    }
}
