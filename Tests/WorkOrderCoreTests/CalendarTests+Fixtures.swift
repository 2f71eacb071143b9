import WorkOrderCore

/// The mainland-China calendar for 2026 as the State Council's notice gives it
/// (国务院办公厅关于2026年部分节假日安排的通知), built in code so the core's tests
/// need no files. `workflows/calendars/cn-mainland.yaml` holds the same days; the
/// loader's tests check that file.
enum CalendarFixtures {
    static let cnMainland2026: BusinessCalendar = {
        var holidays = Set<CivilDate>()
        for (from, to) in [
            ((2026, 1, 1), (2026, 1, 3)),     // 元旦
            ((2026, 2, 15), (2026, 2, 23)),   // 春节
            ((2026, 4, 4), (2026, 4, 6)),     // 清明节
            ((2026, 5, 1), (2026, 5, 5)),     // 劳动节
            ((2026, 6, 19), (2026, 6, 21)),   // 端午节
            ((2026, 9, 25), (2026, 9, 27)),   // 中秋节
            ((2026, 10, 1), (2026, 10, 7)),   // 国庆节
        ] {
            let first = CivilDate(year: from.0, month: from.1, day: from.2).daysSinceEpoch
            let last = CivilDate(year: to.0, month: to.1, day: to.2).daysSinceEpoch
            for day in first...last { holidays.insert(CivilDate(daysSinceEpoch: day)) }
        }
        let makeUp: Set<CivilDate> = [
            date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28),
            date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10),
        ]
        return BusinessCalendar(
            name: "cn-mainland",
            utcOffsetSeconds: 8 * 3600,
            holidays: holidays,
            makeUpWorkdays: makeUp,
            workingPeriods: [MinuteRange(start: 8 * 60 + 30, end: 12 * 60), MinuteRange(start: 13 * 60 + 30, end: 18 * 60)],
            latestVisitMinute: 22 * 60,
            earliestVisitMinute: 8 * 60,
            coveredYears: [2026]
        )
    }()
}

func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
    CivilDate(year: year, month: month, day: day)
}

extension BusinessCalendar {
    /// The instant at local `hour:minute` on the given day.
    func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Instant {
        instant(on: CivilDate(year: year, month: month, day: day), at: LocalTime(hour: hour, minute: minute))
    }

    /// `YYYY-MM-DD HH:MM` local, so a failed expectation reads like a wall clock.
    func local(_ instant: Instant) -> String {
        "\(localDate(of: instant)) \(localTime(of: instant))"
    }

    /// The local due time of `span` started at local `hour:minute` on the given day.
    func due(_ span: PolicyDuration, from year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> String {
        local(due(after: span, from: at(year, month, day, hour, minute)))
    }
}
