// Working days, and when a working day opens and closes.

extension BusinessCalendar {
    /// Whether `day` is a working day: Monday to Friday unless a holiday, plus the
    /// weekend days worked instead (调休). A day listed both ways counts as worked
    /// (the loader refuses such data).
    public func isWorkingDay(_ day: CivilDate) -> Bool {
        if makeUpWorkdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return !day.weekday.isWeekend
    }

    /// The first working day strictly after `day`.
    public func nextWorkingDay(after day: CivilDate) -> CivilDate {
        workingDay(onOrAfter: day.adding(days: 1))
    }

    /// `day` if it is a working day, else the next one.
    ///
    /// Terminates: holidays are a finite set, so weekdays after the last one are worked.
    public func workingDay(onOrAfter day: CivilDate) -> CivilDate {
        var d = day.daysSinceEpoch
        while !isWorkingDay(CivilDate(daysSinceEpoch: d)) { d += 1 }
        return CivilDate(daysSinceEpoch: d)
    }

    /// The `n`-th working day after `day` (`day` itself not counted); `day` when `n` ≤ 0.
    public func workingDay(_ n: Int, after day: CivilDate) -> CivilDate {
        var d = day
        for _ in 0..<max(n, 0) { d = nextWorkingDay(after: d) }
        return d
    }

    /// The working periods as the arithmetic uses them: clamped to the day, empty
    /// ones dropped, sorted, overlaps merged. A calendar with no usable period
    /// counts its working days as whole days (00:00–24:00), so that working-time
    /// arithmetic always ends.
    public var effectiveWorkingPeriods: [MinuteRange] {
        let clamped = workingPeriods
            .map { MinuteRange(start: max($0.start, 0), end: min($0.end, LocalTime.minutesPerDay)) }
            .filter { $0.start < $0.end }
            .sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var merged: [MinuteRange] = []
        for period in clamped {
            if let last = merged.last, period.start <= last.end {
                merged[merged.count - 1].end = max(last.end, period.end)
            } else {
                merged.append(period)
            }
        }
        return merged.isEmpty ? [MinuteRange(start: 0, end: LocalTime.minutesPerDay)] : merged
    }

    /// When the first working period of `day` begins (whether or not `day` is worked).
    public func openingTime(on day: CivilDate) -> Instant {
        instant(dayNumber: day.daysSinceEpoch, minute: effectiveWorkingPeriods[0].start)
    }

    /// Close of business on `day`: the end of its last working period (18:00 in
    /// mainland China), whether or not `day` is worked.
    public func closeOfBusiness(on day: CivilDate) -> Instant {
        instant(dayNumber: day.daysSinceEpoch, minute: effectiveWorkingPeriods[effectiveWorkingPeriods.count - 1].end)
    }

    /// Whether `instant` falls inside a working period of a working day.
    public func isWorkingTime(_ instant: Instant) -> Bool {
        guard isWorkingDay(localDate(of: instant)) else { return false }
        let ms = millisecondsIntoDay(instant)
        return effectiveWorkingPeriods.contains {
            Int64($0.start) * Self.millisecondsPerMinute <= ms && ms < Int64($0.end) * Self.millisecondsPerMinute
        }
    }
}
