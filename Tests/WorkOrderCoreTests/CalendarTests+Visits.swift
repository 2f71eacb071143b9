import Testing
import WorkOrderCore

/// RPT-02: household visits by appointment, never after 22:00.
@Suite struct CalendarVisitTests {
    let cal = CalendarFixtures.cnMainland2026

    @Test func RPT_02_noVisitAfter22h() {
        #expect(cal.isVisitAllowed(at: cal.at(2026, 3, 2, 19, 30)))
        #expect(cal.isVisitAllowed(at: cal.at(2026, 3, 2, 21, 59)))
        #expect(!cal.isVisitAllowed(at: cal.at(2026, 3, 2, 22, 0)))
        #expect(!cal.isVisitAllowed(at: cal.at(2026, 3, 2, 23, 30)))
        #expect(!cal.isVisitAllowed(at: cal.at(2026, 3, 3, 0, 30)))
    }

    @Test func RPT_02_refusedVisitMovesToTheNextMorning() {
        #expect(cal.local(cal.nextVisitSlot(atOrAfter: cal.at(2026, 3, 2, 22, 0))) == "2026-03-03 08:00")
        #expect(cal.local(cal.nextVisitSlot(atOrAfter: cal.at(2026, 3, 2, 6, 15))) == "2026-03-02 08:00")
        let allowed = cal.at(2026, 3, 2, 21, 0)
        #expect(cal.nextVisitSlot(atOrAfter: allowed) == allowed)
    }

    @Test func visitsAreNotLimitedToWorkingDays() {
        #expect(cal.isVisitAllowed(at: cal.at(2026, 2, 17, 10, 0)))   // Spring Festival, by appointment
    }

    @Test func withoutAnEarliestTimeVisitsStartWhenWorkOpens() {
        var calendar = cal
        calendar.earliestVisitMinute = nil
        #expect(!calendar.isVisitAllowed(at: calendar.at(2026, 3, 2, 8, 0)))
        #expect(calendar.local(calendar.nextVisitSlot(atOrAfter: calendar.at(2026, 3, 2, 23, 0))) == "2026-03-03 08:30")
    }
}
