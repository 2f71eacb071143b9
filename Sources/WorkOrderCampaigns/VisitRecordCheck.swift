import WorkOrderCore

/// Checks a visit before it is recorded (RPT-02): it falls in the campaign's month,
/// inside the visit window (never at or after 22:00), and the household has not
/// already been visited that month.
public struct VisitRecordCheck: Sendable {
    public var calendar: BusinessCalendar

    public init(calendar: BusinessCalendar) {
        self.calendar = calendar
    }

    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        case outsideMonth(String, month: CampaignPeriod)
        case outsideVisitHours(String, window: MinuteRange)
        case alreadyVisited(Household, on: String)
        case inTheFuture(String)

        public var description: String {
            switch self {
            case .outsideMonth(let at, let month): return "a visit at \(at) is not in \(month)"
            case .outsideVisitHours(let at, let window):
                return "a visit at \(at) is outside the visit hours \(window) (never at or after 22:00, RPT-02)"
            case .alreadyVisited(let household, let on):
                return "\(household) was already visited this month (\(on)); no household twice (RPT-02)"
            case .inTheFuture(let at): return "\(at) is in the future; record a visit once it has happened"
            }
        }
    }

    /// `doneThisMonth`: the households with a visit recorded as done in the month, and when.
    public func check(
        household: Household, at: Instant, month: CampaignPeriod, doneThisMonth: [Household: Instant], now: Instant
    ) throws(Refusal) {
        let local = calendar.localDescription(of: at)
        guard at <= now else { throw .inTheFuture(local) }
        guard month.contains(calendar.localDate(of: at)) else { throw .outsideMonth(local, month: month) }
        guard calendar.isVisitAllowed(at: at) else { throw .outsideVisitHours(local, window: calendar.visitWindow) }
        if let earlier = doneThisMonth[household] {
            throw .alreadyVisited(household, on: calendar.localDescription(of: earlier))
        }
    }
}

extension BusinessCalendar {
    /// `YYYY-MM-DD HH:MM` in the site's local time.
    public func localDescription(of instant: Instant) -> String {
        "\(localDate(of: instant)) \(localTime(of: instant))"
    }
}
