/// A site's business calendar: which days are worked, the working hours, and when
/// home visits may take place (RPT-02: never after 22:00).
///
/// All wall-clock reasoning happens in the site's fixed UTC offset (mainland China:
/// +08:00, no daylight saving). The calendar never reads a clock: every question
/// takes the `Instant` it is about.
///
/// The arithmetic lives in small extensions:
/// - `BusinessCalendar+LocalTime.swift`: instants ↔ local dates and times;
/// - `BusinessCalendar+Days.swift`: working days, opening and close of business;
/// - `BusinessCalendar+WorkingTime.swift`: `due(after:from:)` and working time;
/// - `BusinessCalendar+Visits.swift`: when a household may be visited.
///
/// Calendars are loaded from `workflows/calendars/*.yaml` by `CalendarLoader`
/// (module WorkflowPolicy), which checks them; a calendar built in code is used as
/// given, with its working periods sorted and merged (see ``effectiveWorkingPeriods``).
public struct BusinessCalendar: Hashable, Codable, Sendable {
    public var name: String
    /// Offset of the site's local time from UTC, in seconds (China: 28_800).
    public var utcOffsetSeconds: Int
    /// Days off by law (公休假日 / 法定节假日), including days given in lieu (补休).
    /// Weekends need not be listed: they are off unless they are make-up days.
    public var holidays: Set<CivilDate>
    /// Weekend days worked instead (调休上班).
    public var makeUpWorkdays: Set<CivilDate>
    /// Working hours, as minutes after local midnight, e.g. 08:30–12:00 and 13:30–18:00.
    public var workingPeriods: [MinuteRange]
    /// No visits to a household at or after this local time (minutes after midnight).
    public var latestVisitMinute: Int
    /// No visits to a household before this local time (minutes after midnight);
    /// nil means the opening of the first working period.
    public var earliestVisitMinute: Int?
    /// The years whose holidays and make-up days are in the data. Outside them the
    /// calendar knows only weekends; `dataStatus(forYear:)` tells a caller which.
    public var coveredYears: Set<Int>
    /// Covered years whose data is not yet confirmed against the official notice.
    public var provisionalYears: Set<Int>

    public init(
        name: String,
        utcOffsetSeconds: Int = 8 * 3600,
        holidays: Set<CivilDate> = [],
        makeUpWorkdays: Set<CivilDate> = [],
        workingPeriods: [MinuteRange] = [MinuteRange(start: 8 * 60 + 30, end: 12 * 60), MinuteRange(start: 13 * 60 + 30, end: 18 * 60)],
        latestVisitMinute: Int = 22 * 60,
        earliestVisitMinute: Int? = nil,
        coveredYears: Set<Int> = [],
        provisionalYears: Set<Int> = []
    ) {
        self.name = name
        self.utcOffsetSeconds = utcOffsetSeconds
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
        self.workingPeriods = workingPeriods
        self.latestVisitMinute = latestVisitMinute
        self.earliestVisitMinute = earliestVisitMinute
        self.coveredYears = coveredYears
        self.provisionalYears = provisionalYears
    }
}

/// How much a calendar knows about a year.
public enum CalendarDataStatus: Hashable, Sendable {
    /// Holidays and make-up days are from the official notice.
    case confirmed
    /// Holidays derived from the law's rules; make-up days still to be confirmed.
    case provisional
    /// No holiday data: only weekends are days off.
    case missing
}

extension BusinessCalendar {
    public func dataStatus(forYear year: Int) -> CalendarDataStatus {
        guard coveredYears.contains(year) else { return .missing }
        return provisionalYears.contains(year) ? .provisional : .confirmed
    }
}
