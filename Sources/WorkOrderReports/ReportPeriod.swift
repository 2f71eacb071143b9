import WorkOrderCore

/// A span of civil dates in a site's calendar, both ends included: a month for the
/// monthly report, any range for `wo stats`.
public struct ReportPeriod: Hashable, Sendable, CustomStringConvertible {
    public var first: CivilDate
    public var last: CivilDate

    public init(first: CivilDate, last: CivilDate) {
        self.first = first
        self.last = last
    }

    /// The calendar month `year`-`month`.
    public static func month(year: Int, month: Int) -> ReportPeriod {
        ReportPeriod(
            first: CivilDate(year: year, month: month, day: 1),
            last: CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month)))
    }

    public func contains(_ date: CivilDate) -> Bool { first <= date && date <= last }

    public var description: String { "\(first)…\(last)" }
}
