import Testing
import WorkOrderCore

/// "Same day" and "N working days": due at close of business (18:00). The day of
/// receipt is never counted; a request after close of business or on a day off
/// counts from the next working day.
@Suite struct CalendarWorkingDaysTests {
    let cal = CalendarFixtures.cnMainland2026

    @Test func CMP_07_validComplaintRepliedTheSameDay() {
        #expect(cal.due(.sameDay, from: 2026, 3, 2, 10, 0) == "2026-03-02 18:00")
        #expect(cal.due(.sameDay, from: 2026, 3, 2, 17, 59) == "2026-03-02 18:00")
    }

    @Test(arguments: [
        ((2026, 3, 2, 18, 0), "2026-03-03 18:00"),   // at close of business
        ((2026, 3, 2, 21, 0), "2026-03-03 18:00"),   // in the evening
        ((2026, 3, 7, 10, 0), "2026-03-09 18:00"),   // on a Saturday
        ((2026, 2, 13, 19, 0), "2026-02-14 18:00"),  // Friday evening before a make-up Saturday
        ((2026, 2, 16, 10, 0), "2026-02-24 18:00"),  // during the Spring Festival
    ])
    func sameDayAfterCloseOrOnADayOffMeansTheNextWorkingDay(_ start: (Int, Int, Int, Int, Int), _ expected: String) {
        #expect(cal.due(.sameDay, from: start.0, start.1, start.2, start.3, start.4) == expected)
    }

    @Test func sameDayOnAMakeUpSaturday() {
        #expect(cal.due(.sameDay, from: 2026, 2, 14, 9, 0) == "2026-02-14 18:00")
    }

    @Test func oneWorkingDayIsTheNextWorkingDaysClose() {
        #expect(cal.due(.workingDays(1), from: 2026, 3, 2, 10, 0) == "2026-03-03 18:00")
        #expect(cal.due(.workingDays(1), from: 2026, 3, 6, 10, 0) == "2026-03-09 18:00")   // Friday → Monday
        #expect(cal.due(.workingDays(1), from: 2026, 3, 7, 10, 0) == "2026-03-09 18:00")   // Saturday → Monday
        #expect(cal.due(.workingDays(1), from: 2026, 3, 2, 1, 0) == "2026-03-03 18:00")    // small hours still count as the day of receipt
    }

    @Test func CMP_09_otherPublicRepairsDueIn3WorkingDays() {
        #expect(cal.due(.workingDays(3), from: 2026, 3, 4, 10, 0) == "2026-03-09 18:00")    // Wed → Mon
        #expect(cal.due(.workingDays(3), from: 2026, 4, 30, 10, 0) == "2026-05-08 18:00")   // over Labour Day (1–5 May)
        #expect(cal.due(.workingDays(3), from: 2026, 2, 13, 17, 0) == "2026-02-25 18:00")   // 14 Feb (make-up), 24, 25
    }

    @Test func CMP_09_otherInHomeRepairsAtMost7WorkingDays() {
        #expect(cal.due(.workingDays(7), from: 2026, 3, 2, 10, 0) == "2026-03-11 18:00")
        // Over Mid-Autumn (25–27 Sep) and National Day (1–7 Oct), with 10 Oct worked:
        // 28, 29, 30 Sep, 8, 9, 10, 12 Oct.
        #expect(cal.due(.workingDays(7), from: 2026, 9, 24, 10, 0) == "2026-10-12 18:00")
    }

    @Test func HELP_04_otherDepartmentsProceduresAnsweredIn2WorkingDays() {
        #expect(cal.due(.workingDays(2), from: 2026, 4, 3, 10, 0) == "2026-04-08 18:00")  // over Qingming (4–6 April)
    }

    @Test func SAT_02_surveyCollectedWithin15WorkingDays() throws {
        let span = try PolicyDuration(parsing: "15 working days")
        // June survey handed out Monday 1 June: Dragon Boat (19 June) is skipped.
        #expect(cal.due(span, from: 2026, 6, 1, 9, 0) == "2026-06-23 18:00")
        // December survey handed out Tuesday 1 December.
        #expect(cal.due(span, from: 2026, 12, 1, 9, 0) == "2026-12-22 18:00")
    }

    @Test func zeroWorkingDaysMeansTheSameDay() {
        #expect(cal.due(.workingDays(0), from: 2026, 3, 2, 10, 0) == "2026-03-02 18:00")
    }
}
