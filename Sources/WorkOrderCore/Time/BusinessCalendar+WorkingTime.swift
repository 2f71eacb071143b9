// Deadlines: turning a `PolicyDuration` and a start instant into a due instant.
//
// Conventions (documented for property staff in workflows/calendars/README.md):
// - `.elapsed(d)`: wall clock, around the clock, holidays included.
// - `.workingHours(n)`: n hours counted only inside the working periods of working
//   days, starting at the start instant; if that is outside working time, counting
//   starts when the next working period opens. Running out exactly at the end of a
//   period makes the period's end the due time (12:00, not 13:30). "Half a day" is
//   4 working hours. n ≤ 0 is due at once.
// - `.workingDays(n)`: due at close of business of the n-th working day *after* the
//   day of receipt. The day of receipt never counts, whatever the hour and whether
//   or not it is worked (as in 民法典 art. 201: a period counted in days starts on the
//   next day). Received Friday 10:00, 1 working day → Monday 18:00; received
//   Saturday → the next working day is day 1. n ≤ 0 means `.sameDay`.
// - `.sameDay`: close of business of the day of receipt if it is a working day and
//   the request came before close of business; otherwise close of business of the
//   next working day.

extension BusinessCalendar {
    /// The instant at which `span`, started at `start`, runs out.
    public func due(after span: PolicyDuration, from start: Instant) -> Instant {
        switch span {
        case .elapsed(let d):
            return start + d
        case .workingHours(let h):
            return adding(workingMilliseconds: Int64(max(h, 0)) * 3_600_000, to: start)
        case .workingDays(let n) where n > 0:
            return closeOfBusiness(on: workingDay(n, after: localDate(of: start)))
        case .workingDays, .sameDay:
            let day = localDate(of: start)
            if isWorkingDay(day) && start < closeOfBusiness(on: day) {
                return closeOfBusiness(on: day)
            }
            return closeOfBusiness(on: nextWorkingDay(after: day))
        }
    }

    /// The instant at which `milliseconds` of working time, counted from `start`,
    /// have passed. `start` itself when `milliseconds` ≤ 0.
    public func adding(workingMilliseconds milliseconds: Int64, to start: Instant) -> Instant {
        guard milliseconds > 0 else { return start }
        let periods = effectiveWorkingPeriods
        var remaining = milliseconds
        var cursor = start
        var day = localDayNumber(start)
        while true {
            if isWorkingDay(CivilDate(daysSinceEpoch: day)) {
                for period in periods {
                    let opens = instant(dayNumber: day, minute: period.start)
                    let closes = instant(dayNumber: day, minute: period.end)
                    guard cursor < closes else { continue }
                    let from = max(cursor, opens)
                    let available = closes.millisecondsSinceEpoch - from.millisecondsSinceEpoch
                    if remaining <= available {
                        return Instant(millisecondsSinceEpoch: from.millisecondsSinceEpoch + remaining)
                    }
                    remaining -= available
                    cursor = closes
                }
            }
            day += 1
        }
    }

    /// Working time between two instants: the part of `[from, to)` that falls inside
    /// working periods of working days. Zero when `to` is not after `from`.
    public func workingTime(from: Instant, to: Instant) -> Duration {
        guard from < to else { return .zero }
        let periods = effectiveWorkingPeriods
        var total: Int64 = 0
        var day = localDayNumber(from)
        let lastDay = localDayNumber(to)
        while day <= lastDay {
            if isWorkingDay(CivilDate(daysSinceEpoch: day)) {
                for period in periods {
                    let opens = max(instant(dayNumber: day, minute: period.start), from)
                    let closes = min(instant(dayNumber: day, minute: period.end), to)
                    if opens < closes { total += closes.millisecondsSinceEpoch - opens.millisecondsSinceEpoch }
                }
            }
            day += 1
        }
        return .milliseconds(total)
    }
}
