/// The campaigns the customer-service centre runs outside any single work order.
///
/// The four call-back campaigns (CB-09) widen in scope with their period; the spec names
/// them without saying what each covers, so this is the reading a CS centre would
/// expect (the seed: "through each stage's call-backs, learn how repairs, satisfaction
/// and owner relations stand"):
/// - daily: every household whose request came in since the previous working day is
///   called on the day, so that every request has an answer (件件有回音, CB-08's rate);
/// - special: the households a named event touched (an outage, a collective complaint,
///   a facility renovation), called on that one topic;
/// - quarterly: every household that made a request in the previous quarter, asked how
///   repairs and services have held up;
/// - annual: every occupied household, once a year (owner relations).
public enum CampaignKind: String, Hashable, Codable, CaseIterable, Sendable {
    case daily_callbacks, special_callbacks, quarterly_callbacks, annual_callbacks
    /// SAT-02: the half-yearly survey to every occupied unit.
    case satisfaction_survey
    /// RPT-02: the CS supervisor's monthly visits (call-backs do not count).
    case household_visits

    public var isCallbackCampaign: Bool {
        switch self {
        case .daily_callbacks, .special_callbacks, .quarterly_callbacks, .annual_callbacks: return true
        case .satisfaction_survey, .household_visits: return false
        }
    }

    /// What one item of the campaign is, for tables.
    public var covers: String {
        switch self {
        case .daily_callbacks: return "households whose requests came in since the previous working day"
        case .special_callbacks: return "households touched by one named event"
        case .quarterly_callbacks: return "households that made requests in the previous quarter"
        case .annual_callbacks: return "every occupied household"
        case .satisfaction_survey: return "one survey form to every occupied unit"
        case .household_visits: return "the supervisor's monthly visits, no household twice"
        }
    }
}

/// Names one campaign: `household_visits/garden-court/2026-06`; a special campaign
/// adds its topic (`special_callbacks/garden-court/2026-07-03/water-outage`).
public struct CampaignID: Hashable, Codable, Sendable, CustomStringConvertible {
    public var kind: CampaignKind
    public var site: String
    public var period: CampaignPeriod
    public var topic: String?

    public init(kind: CampaignKind, site: String, period: CampaignPeriod, topic: String? = nil) {
        self.kind = kind
        self.site = site
        self.period = period
        self.topic = topic
    }

    public var description: String {
        "\(kind.rawValue)/\(site)/\(period)" + (topic.map { "/\($0)" } ?? "")
    }
}
