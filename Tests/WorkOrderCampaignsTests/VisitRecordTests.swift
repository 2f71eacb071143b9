import Testing
import WorkOrderCore
@testable import WorkOrderCampaigns

@Suite struct VisitRecordTests {
    let check = VisitRecordCheck(calendar: calendar)
    let h = Household(building: "3", unit: "2", room: "501")
    let june = period("2026-06")
    let now = at(2026, 6, 30, 23)

    @Test func RPT_02_aVisitAt22hOrLaterIsRefused() throws {
        // 21:59 is still allowed; 22:00 is not (and neither is 07:59, before the earliest time).
        try check.check(household: h, at: at(2026, 6, 13, 21, 59), month: june, doneThisMonth: [:], now: now)
        #expect(throws: VisitRecordCheck.Refusal.outsideVisitHours("2026-06-13 22:00", window: calendar.visitWindow)) {
            try check.check(household: h, at: at(2026, 6, 13, 22), month: june, doneThisMonth: [:], now: now)
        }
        #expect(throws: VisitRecordCheck.Refusal.self) {
            try check.check(household: h, at: at(2026, 6, 13, 7, 59), month: june, doneThisMonth: [:], now: now)
        }
    }

    @Test func RPT_02_noHouseholdVisitedTwiceInAMonth() {
        #expect(throws: VisitRecordCheck.Refusal.alreadyVisited(h, on: "2026-06-02 10:00")) {
            try check.check(household: h, at: at(2026, 6, 20, 10), month: june,
                            doneThisMonth: [h: at(2026, 6, 2, 10)], now: now)
        }
    }

    @Test func aVisitOutsideTheMonthOrInTheFutureIsRefused() {
        #expect(throws: VisitRecordCheck.Refusal.outsideMonth("2026-07-01 10:00", month: june)) {
            try check.check(household: h, at: at(2026, 7, 1, 10), month: june, doneThisMonth: [:], now: at(2026, 7, 2, 0))
        }
        #expect(throws: VisitRecordCheck.Refusal.inTheFuture("2026-06-20 10:00")) {
            try check.check(household: h, at: at(2026, 6, 20, 10), month: june, doneThisMonth: [:], now: at(2026, 6, 19, 0))
        }
    }

    @Test func RPT_02_statusCountsEachHouseholdOnceAndOnlyVisitsInTheMonth() throws {
        var rng = SeededRandom(seed: 9)
        let plan = try VisitPlanner(calendar: calendar, policy: policy.visitQuotas)
            .plan(site: "s", month: june, occupied: households(250), notBefore: at(2026, 6, 1, 0), using: &rng)
        let planned = plan.visits.map(\.household)
        let offPlan = households(251)[250]
        var outcomes = planned.prefix(8).map { CampaignOutcome(household: $0, result: .visited, by: "li.cs", at: at(2026, 6, 15, 10)) }
        outcomes.append(CampaignOutcome(household: planned[0], result: .visited, by: "li.cs", at: at(2026, 6, 16, 10)))
        outcomes.append(CampaignOutcome(household: planned[8], result: .not_visited, by: "li.cs", at: at(2026, 6, 16, 11), note: "nobody home"))
        outcomes.append(CampaignOutcome(household: planned[9], result: .visited, by: "li.cs", at: at(2026, 5, 31, 10)))
        outcomes.append(CampaignOutcome(household: offPlan, result: .visited, by: "li.cs", at: at(2026, 6, 17, 19)))
        let status = VisitCampaignStatus(plan: plan, outcomes: outcomes, calendar: calendar, now: at(2026, 7, 6, 9))
        #expect(status.quota.visitedHouseholds == 9)      // 8 planned + 1 off plan; the May visit does not count
        #expect(status.quota.isMet == false)
        #expect(status.quota.stillNeeded == 1)
        #expect(status.open == 2)
        #expect(status.visitedOffPlan == 1)
        #expect(status.failedAttempts == 1)
        #expect(status.summaryDue == day(2026, 7, 5))
        #expect(status.summaryDayPassed)
    }

    @Test func RPT_02_quotaStatusFromVisitedHouseholds() {
        let all = households(250)
        let status = VisitQuotaStatus(occupiedHouseholds: 250, visited: all.prefix(10) + all.prefix(3), policy: policy.visitQuotas)
        #expect(status.visitedHouseholds == 10)
        #expect(status.isMet)
    }
}
