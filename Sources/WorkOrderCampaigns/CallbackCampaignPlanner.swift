import WorkOrderCore

/// Plans the four call-back campaigns (CB-09); see `CampaignKind` for what each covers.
public struct CallbackCampaignPlanner: Sendable {
    public var calendar: BusinessCalendar

    public init(calendar: BusinessCalendar) {
        self.calendar = calendar
    }

    /// The stretch of requests a daily or quarterly campaign for `period` calls back:
    /// daily, from the previous working day up to the day before `period` (so
    /// Monday covers Friday and the weekend); quarterly, the previous quarter.
    public func requestWindow(_ kind: CampaignKind, period: CampaignPeriod) -> (from: CivilDate, to: CivilDate)? {
        switch (kind, period) {
        case (.daily_callbacks, .day(let day)):
            var previous = day.adding(days: -1)
            while !calendar.isWorkingDay(previous) { previous = previous.adding(days: -1) }
            return (previous, day.adding(days: -1))
        case (.quarterly_callbacks, .quarter):
            return (period.previous.firstDay, period.previous.lastDay)
        default:
            return nil
        }
    }

    /// - Parameters:
    ///   - requests: for daily and quarterly campaigns, the site's requests (those outside
    ///     `requestWindow` are ignored).
    ///   - households: for annual and special campaigns, the households to call.
    ///   - until: a special campaign's last day (default: the day it starts).
    public func plan(
        _ kind: CampaignKind, site: String, period: CampaignPeriod, topic: String? = nil,
        requests: [RequestSummary] = [], households: [Household] = [], until: CivilDate? = nil
    ) throws(CallbackCampaignError) -> CallbackCampaignPlan {
        let calls: [PlannedCall]
        var window: (from: CivilDate, to: CivilDate)?
        switch (kind, period) {
        case (.daily_callbacks, .day), (.quarterly_callbacks, .quarter):
            window = requestWindow(kind, period: period)
            calls = Self.callsByHousehold(requests.filter { r in
                let day = calendar.localDate(of: r.openedAt)
                return window.map { $0.from <= day && day <= $0.to } ?? false
            })
        case (.annual_callbacks, .year), (.special_callbacks, .day):
            if kind == .special_callbacks && (topic ?? "").isEmpty { throw .topicRequired }
            var seen = Set<Household>()
            calls = households.filter { seen.insert($0).inserted }.map { PlannedCall(household: $0) }
        case (.daily_callbacks, _): throw .wrongPeriod(kind, period, expected: "a day (YYYY-MM-DD)")
        case (.quarterly_callbacks, _): throw .wrongPeriod(kind, period, expected: "a quarter (YYYY-Qn)")
        case (.annual_callbacks, _): throw .wrongPeriod(kind, period, expected: "a year (YYYY)")
        case (.special_callbacks, _): throw .wrongPeriod(kind, period, expected: "the day it starts (YYYY-MM-DD)")
        default: throw .notACallbackCampaign(kind)
        }
        guard !calls.isEmpty else { throw .nothingToCall }
        let lastDay = kind == .special_callbacks ? max(until ?? period.firstDay, period.firstDay) : period.lastDay
        return CallbackCampaignPlan(
            id: CampaignID(kind: kind, site: site, period: period, topic: kind == .special_callbacks ? topic : nil),
            calls: calls, callBy: calendar.due(after: .sameDay, from: calendar.startOfDay(lastDay)),
            requestsFrom: window?.from, requestsTo: window?.to)
    }

    /// One call per household, about all its requests, in order of the first request.
    static func callsByHousehold(_ requests: [RequestSummary]) -> [PlannedCall] {
        var calls: [PlannedCall] = []
        var index: [Household: Int] = [:]
        for r in requests.sorted(by: { ($0.openedAt, $0.orderID) < ($1.openedAt, $1.orderID) }) {
            if let i = index[r.household] {
                calls[i].orderIDs.append(r.orderID)
            } else {
                index[r.household] = calls.count
                calls.append(PlannedCall(household: r.household, orderIDs: [r.orderID]))
            }
        }
        return calls
    }
}
