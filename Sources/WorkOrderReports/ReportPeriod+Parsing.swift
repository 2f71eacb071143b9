import WorkOrderCore

extension ReportPeriod {
    /// `YYYY-MM` → that month; nil when malformed.
    public static func parseMonth(_ text: String) -> ReportPeriod? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        return .month(year: year, month: month)
    }

    /// `YYYY-MM-DD` → a valid date; nil otherwise (2026-02-30 included).
    public static func parseDate(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? date : nil
    }

    /// The instants the period covers at a site: from local midnight of `first` up to,
    /// not including, local midnight after `last`.
    public func instants(in calendar: BusinessCalendar) -> (from: Instant, before: Instant) {
        (calendar.startOfDay(first), calendar.startOfDay(last.adding(days: 1)))
    }
}

/// Reads a point in time given on the command line (`--now`, `--from`): milliseconds
/// since the epoch, or a local date and time `YYYY-MM-DD[THH:MM]` in the site's zone.
public enum InstantArgument {
    public static func parse(_ text: String, calendar: BusinessCalendar) -> Instant? {
        if let ms = Int64(text) { return Instant(millisecondsSinceEpoch: ms) }
        let pieces = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard (1...2).contains(pieces.count), let date = ReportPeriod.parseDate(String(pieces[0])) else { return nil }
        guard pieces.count == 2 else { return calendar.startOfDay(date) }
        guard let time = LocalTime(parsing: pieces[1]) else { return nil }
        return calendar.instant(on: date, at: time)
    }
}
