/// CMP-02: whether reports form a collective complaint: at least
/// `collectiveMinHouseholds` different households of the same site complaining about the
/// same event within `collectiveWindow` of one another. The server groups the reports it
/// has seen; this decides.
public enum CollectiveComplaintDetector {
    public struct Report: Hashable, Sendable {
        public var household: String
        /// What the complaint is about, as the server keys it (e.g. "lift-2 broken").
        public var event: String
        public var at: Instant

        public init(household: String, event: String, at: Instant) {
            self.household = household
            self.event = event
            self.at = at
        }
    }

    public static func isCollective(_ reports: [Report], policy: ComplaintPolicy, calendar: BusinessCalendar) -> Bool {
        let byEvent = Dictionary(grouping: reports, by: \.event)
        for (_, group) in byEvent {
            let sorted = group.sorted { $0.at < $1.at }
            for (index, first) in sorted.enumerated() {
                let windowEnd = calendar.due(after: policy.collectiveWindow, from: first.at)
                let households = Set(sorted[index...].prefix { $0.at <= windowEnd }.map(\.household))
                if households.count >= policy.collectiveMinHouseholds { return true }
            }
        }
        return false
    }
}
