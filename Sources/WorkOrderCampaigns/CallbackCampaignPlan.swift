import WorkOrderCore

/// One call of a call-back campaign: the household, and the requests it is about
/// (none for the annual and special campaigns, which are not about one request).
public struct PlannedCall: Hashable, Codable, Sendable {
    public var household: Household
    public var orderIDs: [String]

    public init(household: Household, orderIDs: [String] = []) {
        self.household = household
        self.orderIDs = orderIDs
    }
}

/// A call-back campaign (CB-09) at one site.
public struct CallbackCampaignPlan: Hashable, Codable, Sendable {
    public var id: CampaignID
    public var calls: [PlannedCall]
    /// Close of business of the campaign's last working day.
    public var callBy: Instant
    /// For the daily and quarterly campaigns: the requests received in this stretch.
    public var requestsFrom: CivilDate?
    public var requestsTo: CivilDate?
}

/// A request as the call-back campaigns need it: which household, which order, when.
public struct RequestSummary: Hashable, Codable, Sendable {
    public var orderID: String
    public var household: Household
    public var openedAt: Instant

    public init(orderID: String, household: Household, openedAt: Instant) {
        self.orderID = orderID
        self.household = household
        self.openedAt = openedAt
    }
}

public enum CallbackCampaignError: Error, Hashable, Sendable, CustomStringConvertible {
    case wrongPeriod(CampaignKind, CampaignPeriod, expected: String)
    case notACallbackCampaign(CampaignKind)
    case topicRequired
    case nothingToCall

    public var description: String {
        switch self {
        case .wrongPeriod(let kind, let period, let expected):
            return "a \(kind.rawValue) campaign runs over \(expected), not \(period)"
        case .notACallbackCampaign(let kind): return "\(kind.rawValue) is not a call-back campaign"
        case .topicRequired: return "a special campaign needs a topic (e.g. water-outage)"
        case .nothingToCall: return "no household to call: the campaign would be empty"
        }
    }
}
