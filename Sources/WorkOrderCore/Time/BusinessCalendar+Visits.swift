// When a household may be visited (RPT-02: visits by appointment, never after 22:00).
//
// A visit may start at or after the earliest visit time and strictly before the
// latest one: 21:59 is allowed, 22:00 is not. Visits are not limited to working
// days: an owner may ask for a Saturday appointment.

extension BusinessCalendar {
    /// The visiting window of every day, `[earliest, latest)` in minutes after local
    /// midnight, never empty.
    public var visitWindow: MinuteRange {
        let latest = min(max(latestVisitMinute, 1), LocalTime.minutesPerDay)
        let earliest = earliestVisitMinute ?? effectiveWorkingPeriods[0].start
        return MinuteRange(start: min(max(earliest, 0), latest - 1), end: latest)
    }

    /// Whether a home visit may take place at `instant` (RPT-02).
    public func isVisitAllowed(at instant: Instant) -> Bool {
        let window = visitWindow
        let ms = millisecondsIntoDay(instant)
        return Int64(window.start) * Self.millisecondsPerMinute <= ms
            && ms < Int64(window.end) * Self.millisecondsPerMinute
    }

    /// `instant` if a visit is allowed then, else the next moment one is: the
    /// earliest visit time of the same day (early morning) or of the next day
    /// (at or after the latest visit time).
    public func nextVisitSlot(atOrAfter instant: Instant) -> Instant {
        if isVisitAllowed(at: instant) { return instant }
        let window = visitWindow
        let day = localDayNumber(instant)
        let ms = millisecondsIntoDay(instant)
        if ms < Int64(window.start) * Self.millisecondsPerMinute {
            return self.instant(dayNumber: day, minute: window.start)
        }
        return self.instant(dayNumber: day + 1, minute: window.start)
    }
}
