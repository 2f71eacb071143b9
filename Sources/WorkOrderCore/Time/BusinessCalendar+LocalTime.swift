// Instants ↔ the site's local dates and times, in its fixed UTC offset.

extension BusinessCalendar {
    static let millisecondsPerDay: Int64 = 86_400_000
    static let millisecondsPerMinute: Int64 = 60_000

    /// Milliseconds since 1970-01-01T00:00 *local* time.
    func localMilliseconds(_ instant: Instant) -> Int64 {
        instant.millisecondsSinceEpoch + Int64(utcOffsetSeconds) * 1000
    }

    /// The local day number of `instant` (days since 1970-01-01 local).
    func localDayNumber(_ instant: Instant) -> Int {
        Int(CalendarArithmetic.floorDiv(localMilliseconds(instant), Self.millisecondsPerDay))
    }

    /// Milliseconds since local midnight, 0 ..< 86_400_000.
    func millisecondsIntoDay(_ instant: Instant) -> Int64 {
        CalendarArithmetic.floorMod(localMilliseconds(instant), Self.millisecondsPerDay)
    }

    /// The instant `minute` minutes after local midnight of local day `dayNumber`.
    func instant(dayNumber: Int, minute: Int) -> Instant {
        let local = Int64(dayNumber) * Self.millisecondsPerDay + Int64(minute) * Self.millisecondsPerMinute
        return Instant(millisecondsSinceEpoch: local - Int64(utcOffsetSeconds) * 1000)
    }

    /// The site's calendar date at `instant`.
    public func localDate(of instant: Instant) -> CivilDate {
        CivilDate(daysSinceEpoch: localDayNumber(instant))
    }

    /// The site's wall-clock time at `instant`, truncated to the minute.
    public func localTime(of instant: Instant) -> LocalTime {
        LocalTime(minuteOfDay: Int(millisecondsIntoDay(instant) / Self.millisecondsPerMinute))
    }

    /// Local midnight at the start of `date`.
    public func startOfDay(_ date: CivilDate) -> Instant {
        instant(dayNumber: date.daysSinceEpoch, minute: 0)
    }

    /// Local midnight at the start of the day containing `instant`.
    public func startOfDay(of instant: Instant) -> Instant {
        self.instant(dayNumber: localDayNumber(instant), minute: 0)
    }

    /// The instant at which the site's clocks show `time` on `date`.
    public func instant(on date: CivilDate, at time: LocalTime) -> Instant {
        instant(dayNumber: date.daysSinceEpoch, minute: time.minuteOfDay)
    }
}

extension BusinessCalendar {
    /// The site-local date and time of `instant`, e.g. `2026-12-01 14:05`: how every text
    /// meant for people gives a time.
    public func localText(_ instant: Instant) -> String {
        "\(localDate(of: instant)) \(localTime(of: instant))"
    }
}
