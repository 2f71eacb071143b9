import WorkOrderCore

/// The times a month's visits can be proposed at (RPT-02): inside the working periods
/// of working days, and inside the calendar's visit window, so no proposed visit
/// starts or runs past the latest visit time (22:00). Owners may still ask for
/// another time; `VisitRecordCheck` accepts any time before 22:00 when recording.
struct VisitSlots {
    var calendar: BusinessCalendar
    var length: Duration

    /// The slots of `day`, earliest first: back to back from the opening of each
    /// working period, each wholly inside the period and the visit window.
    func slots(on day: CivilDate, notBefore: Instant) -> [Instant] {
        guard calendar.isWorkingDay(day) else { return [] }
        let minutes = max(Int(length.wholeMilliseconds / 60_000), 1)
        let window = calendar.visitWindow
        var result: [Instant] = []
        for period in calendar.effectiveWorkingPeriods {
            let first = max(period.start, window.start)
            let last = min(period.end, window.end)
            var start = first
            while start + minutes <= last {
                let instant = calendar.instant(on: day, at: LocalTime(minuteOfDay: start))
                if instant >= notBefore && calendar.isVisitAllowed(at: instant) { result.append(instant) }
                start += minutes
            }
        }
        return result
    }

    /// Spreads `count` visits evenly over the days of `period` from `notBefore` on:
    /// visit i goes to day ⌊i·D/count⌋ of the D days that have slots, or the next day
    /// with a free slot. Nil when the month has fewer free slots than visits.
    func spread(_ count: Int, over period: CampaignPeriod, notBefore: Instant) -> [Instant]? {
        var days: [[Instant]] = []
        var day = max(period.firstDay, calendar.localDate(of: notBefore))
        while day <= period.lastDay {
            let free = slots(on: day, notBefore: notBefore)
            if !free.isEmpty { days.append(free) }
            day = day.adding(days: 1)
        }
        guard count > 0 else { return [] }
        guard days.reduce(0, { $0 + $1.count }) >= count else { return nil }
        var used = Array(repeating: 0, count: days.count)
        var result: [Instant] = []
        for i in 0..<count {
            var d = i * days.count / count
            while used[d] == days[d].count { d = (d + 1) % days.count }
            result.append(days[d][used[d]])
            used[d] += 1
        }
        return result.sorted()
    }
}
