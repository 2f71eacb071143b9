import Testing
import WorkOrderCore

/// Civil dates, weekdays and the site's local time.
@Suite struct CalendarTests {
    let cal = CalendarFixtures.cnMainland2026

    @Test func daysSinceEpochOfKnownDates() {
        #expect(date(1970, 1, 1).daysSinceEpoch == 0)
        #expect(date(1969, 12, 31).daysSinceEpoch == -1)
        #expect(date(2000, 3, 1).daysSinceEpoch == 11_017)
        #expect(CivilDate(daysSinceEpoch: 11_016) == date(2000, 2, 29))
    }

    @Test func civilDateRoundTripsOverCenturies() {
        var previous = CivilDate(daysSinceEpoch: -800_001)
        var firstFailure: Int?
        for day in -800_000...800_000 {
            let civil = CivilDate(daysSinceEpoch: day)
            if !(civil.isValid && civil.daysSinceEpoch == day && previous < civil) {
                firstFailure = day
                break
            }
            previous = civil
        }
        #expect(firstFailure == nil, "day \(firstFailure ?? 0) → \(CivilDate(daysSinceEpoch: firstFailure ?? 0))")
    }

    @Test(arguments: [
        (date(2026, 2, 17), Weekday.tuesday),   // 正月初一 2026
        (date(1970, 1, 1), .thursday),
        (date(1969, 12, 28), .sunday),
        (date(2027, 2, 5), .friday),            // 除夕 2027
        (date(2026, 2, 14), .saturday),         // make-up Saturday
    ])
    func weekday(_ day: CivilDate, _ expected: Weekday) {
        #expect(day.weekday == expected)
    }

    @Test func parsingDatesRejectsDaysThatDoNotExist() {
        #expect(CivilDate(parsing: "2026-02-28") == date(2026, 2, 28))
        #expect(CivilDate(parsing: "2024-02-29") == date(2024, 2, 29))
        #expect(CivilDate(parsing: "2000-02-29") != nil)
        for bad in ["2026-02-29", "2100-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-1", "26-01-01", "2026/01/01", "2026-01-01x", ""] {
            #expect(CivilDate(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func parsingTimesAndPeriods() {
        #expect(LocalTime(parsing: "08:30") == LocalTime(hour: 8, minute: 30))
        #expect(LocalTime(parsing: "8:30") == LocalTime(hour: 8, minute: 30))
        #expect(LocalTime(parsing: "24:00") == .endOfDay)
        for bad in ["24:01", "25:00", "12:60", "1230", "12:3", "-1:00"] {
            #expect(LocalTime(parsing: bad) == nil, "\(bad)")
        }
        #expect(MinuteRange(parsing: "08:30-12:00") == MinuteRange(start: 510, end: 720))
        #expect(MinuteRange(parsing: "13:30 - 18:00")?.description == "13:30-18:00")
        #expect(MinuteRange(parsing: "12:00-08:30") == nil)
        #expect(MinuteRange(parsing: "12:00-12:00") == nil)
    }

    @Test func localDateUsesTheSiteOffset() {
        // 2026-01-01T00:00+08:00 is 2025-12-31T16:00Z.
        let newYear = Instant(secondsSinceEpoch: 1_767_196_800)
        #expect(cal.localDate(of: newYear) == date(2026, 1, 1))
        #expect(cal.localTime(of: newYear) == .midnight)
        #expect(cal.localDate(of: newYear + .milliseconds(-1)) == date(2025, 12, 31))
        #expect(cal.startOfDay(date(2026, 1, 1)) == newYear)
        #expect(cal.startOfDay(of: newYear + .seconds(3600 * 23)) == newYear)
        #expect(cal.at(2026, 1, 1, 8, 30) == newYear + .seconds(8 * 3600 + 1800))
    }

    @Test func instantsBefore1970LandOnTheRightDay() {
        var newYork = cal
        newYork.utcOffsetSeconds = -5 * 3600
        let justBeforeEpoch = Instant(millisecondsSinceEpoch: -1)
        #expect(cal.localDate(of: justBeforeEpoch) == date(1970, 1, 1))
        #expect(cal.localTime(of: justBeforeEpoch) == LocalTime(hour: 7, minute: 59))
        #expect(newYork.localDate(of: justBeforeEpoch) == date(1969, 12, 31))
        #expect(newYork.localTime(of: justBeforeEpoch) == LocalTime(hour: 18, minute: 59))
    }

    @Test func weekendsAreOffAndWeekdaysWorked() {
        #expect(cal.isWorkingDay(date(2026, 3, 6)))    // Friday
        #expect(!cal.isWorkingDay(date(2026, 3, 7)))   // Saturday
        #expect(!cal.isWorkingDay(date(2026, 3, 8)))   // Sunday
        #expect(cal.isWorkingDay(date(2026, 3, 9)))    // Monday
    }

    @Test func springFestival2026IsOffAndItsMakeUpSaturdaysWorked() {
        #expect(cal.isWorkingDay(date(2026, 2, 13)))   // Friday before
        #expect(cal.isWorkingDay(date(2026, 2, 14)))   // Saturday, 调休上班
        for day in 15...23 {
            #expect(!cal.isWorkingDay(date(2026, 2, day)), "2026-02-\(day)")
        }
        #expect(cal.isWorkingDay(date(2026, 2, 24)))
        #expect(cal.isWorkingDay(date(2026, 2, 28)))   // Saturday, 调休上班
        #expect(!cal.isWorkingDay(date(2026, 3, 1)))   // an ordinary Sunday
        #expect(cal.nextWorkingDay(after: date(2026, 2, 14)) == date(2026, 2, 24))
    }

    @Test func workingTimeIsInsideWorkingPeriodsOfWorkingDays() {
        #expect(cal.isWorkingTime(cal.at(2026, 3, 2, 8, 30)))
        #expect(!cal.isWorkingTime(cal.at(2026, 3, 2, 12, 0)))
        #expect(!cal.isWorkingTime(cal.at(2026, 3, 2, 18, 0)))
        #expect(!cal.isWorkingTime(cal.at(2026, 3, 7, 10, 0)))   // Saturday
        #expect(cal.isWorkingTime(cal.at(2026, 2, 14, 10, 0)))   // make-up Saturday
    }

    @Test func dataStatusTellsWhichYearsAreKnown() {
        var calendar = cal
        calendar.coveredYears = [2026, 2027]
        calendar.provisionalYears = [2027]
        #expect(calendar.dataStatus(forYear: 2026) == .confirmed)
        #expect(calendar.dataStatus(forYear: 2027) == .provisional)
        #expect(calendar.dataStatus(forYear: 2028) == .missing)
    }
}
