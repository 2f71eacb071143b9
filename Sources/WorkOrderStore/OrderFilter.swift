import WorkOrderCore

/// Which orders the supervisor commands read (`OrderStore.orders(matching:)`).
public struct OrderFilter: Hashable, Sendable {
    public var kind: OrderKind?
    public var state: String?
    public var site: String?
    public var household: String?
    public var openedFrom: Instant?
    public var openedBefore: Instant?
    public var limit: Int?

    public init(kind: OrderKind? = nil, state: String? = nil, site: String? = nil, household: String? = nil,
                openedFrom: Instant? = nil, openedBefore: Instant? = nil, limit: Int? = nil) {
        self.kind = kind
        self.state = state
        self.site = site
        self.household = household
        self.openedFrom = openedFrom
        self.openedBefore = openedBefore
        self.limit = limit
    }
}
