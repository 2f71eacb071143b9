import Testing
import WorkOrderCore

/// "N working hours" and "half a day": counted only inside working periods
/// (08:30–12:00, 13:30–18:00) of working days.
@Suite struct CalendarWorkingHoursTests {
    let cal = CalendarFixtures.cnMainland2026

    @Test func workingHoursInsideOnePeriod() {
        #expect(cal.due(.workingHours(1), from: 2026, 3, 2, 9, 0) == "2026-03-02 10:00")
    }

    @Test func workingHoursSkipTheLunchBreak() {
        #expect(cal.due(.workingHours(2), from: 2026, 3, 2, 11, 0) == "2026-03-02 14:30")
    }

    @Test func workingHoursEndingExactlyAtNoonAreDueAtNoon() {
        #expect(cal.due(.workingHours(2), from: 2026, 3, 2, 10, 0) == "2026-03-02 12:00")
    }

    @Test func workingHoursSkipTheNight() {
        #expect(cal.due(.workingHours(2), from: 2026, 3, 2, 17, 0) == "2026-03-03 09:30")
    }

    @Test func workingHoursSkipTheWeekend() {
        #expect(cal.due(.workingHours(4), from: 2026, 3, 6, 16, 0) == "2026-03-09 10:30")
    }

    @Test(arguments: [
        ((2026, 3, 2, 7, 0), "2026-03-02 09:30"),    // before opening
        ((2026, 3, 2, 12, 30), "2026-03-02 14:30"),  // during lunch
        ((2026, 3, 2, 20, 0), "2026-03-03 09:30"),   // after close of business
        ((2026, 3, 7, 10, 0), "2026-03-09 09:30"),   // on a Saturday
    ])
    func countingStartsAtTheNextWorkingPeriod(_ start: (Int, Int, Int, Int, Int), _ expected: String) {
        #expect(cal.due(.workingHours(1), from: start.0, start.1, start.2, start.3, start.4) == expected)
    }

    @Test func workingHoursAcrossSpringFestival2026CountTheMakeUpSaturday() {
        // Friday 13 Feb, 17:00: one hour that day, the rest on Saturday 14 Feb (调休上班).
        #expect(cal.due(.workingHours(4), from: 2026, 2, 13, 17, 0) == "2026-02-14 11:30")
        // Saturday 14 Feb after close: the festival runs 15–23 Feb; work resumes on the 24th.
        #expect(cal.due(.workingHours(1), from: 2026, 2, 14, 19, 0) == "2026-02-24 09:30")
        // Received during the festival.
        #expect(cal.due(.workingHours(8), from: 2026, 2, 17, 10, 0) == "2026-02-24 18:00")
    }

    @Test func CMP_09_staffAttitudeOrdinaryDueInHalfADay() throws {
        let halfDay = try PolicyDuration(parsing: "half_day")
        #expect(halfDay == .workingHours(4))
        #expect(cal.due(halfDay, from: 2026, 3, 2, 10, 0) == "2026-03-02 15:30")
        #expect(cal.due(halfDay, from: 2026, 3, 2, 15, 0) == "2026-03-03 09:30")
        #expect(cal.due(halfDay, from: 2026, 3, 6, 19, 0) == "2026-03-09 14:00")  // Friday evening → Monday
    }

    @Test func CMP_09_simpleInHomeRepairsDueInHalfADay() {
        // Bulb, lock, small parts: ≤ half a day, i.e. 4 working hours.
        #expect(cal.due(.workingHours(4), from: 2026, 2, 27, 16, 0) == "2026-02-28 10:30")  // make-up Saturday
    }

    @Test func elapsedTimeRunsOnTheWallClock() {
        // CMP-09: staff on site within 10 minutes, day and night, holidays included.
        #expect(cal.due(.elapsed(.seconds(600)), from: 2026, 2, 17, 23, 55) == "2026-02-18 00:05")
        #expect(cal.due(.elapsed(.seconds(8 * 3600)), from: 2026, 3, 7, 20, 0) == "2026-03-08 04:00")
    }

    @Test func zeroWorkingHoursAreDueAtOnce() {
        let start = cal.at(2026, 3, 7, 10, 0)
        #expect(cal.due(after: .workingHours(0), from: start) == start)
    }

    @Test func workingTimeBetweenStartAndDueIsTheSpan() {
        let starts = [
            cal.at(2026, 2, 13, 17, 0), cal.at(2026, 3, 2, 7, 0), cal.at(2026, 3, 2, 12, 15),
            cal.at(2026, 9, 30, 16, 45), cal.at(2026, 12, 31, 23, 59),
        ]
        for start in starts {
            for hours in 1...40 {
                let due = cal.due(after: .workingHours(hours), from: start)
                #expect(cal.workingTime(from: start, to: due) == .seconds(hours * 3600), "\(cal.local(start)) + \(hours)wh")
                #expect(cal.isWorkingTime(due + .milliseconds(-1)), "\(cal.local(start)) + \(hours)wh → \(cal.local(due))")
            }
        }
    }

    @Test func unsortedOrEmptyWorkingPeriodsStillEnd() {
        var calendar = cal
        calendar.workingPeriods = [MinuteRange(start: 13 * 60 + 30, end: 18 * 60), MinuteRange(start: 8 * 60 + 30, end: 12 * 60)]
        #expect(calendar.due(.workingHours(2), from: 2026, 3, 2, 11, 0) == "2026-03-02 14:30")
        calendar.workingPeriods = []
        #expect(calendar.due(.workingHours(30), from: 2026, 3, 6, 20, 0) == "2026-03-10 02:00")
    }
}
