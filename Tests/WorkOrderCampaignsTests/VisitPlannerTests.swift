import Testing
import WorkOrderCore
@testable import WorkOrderCampaigns

@Suite struct VisitPlannerTests {
    let planner = VisitPlanner(calendar: calendar, policy: policy.visitQuotas)

    @Test(arguments: [(0, 4, 0), (250, 4, 10), (300, 4, 12), (301, 5, 16), (500, 5, 25), (501, 6, 31), (800, 6, 48), (801, 7, 57)])
    func RPT_02_quotaByOccupiedHouseholdsRoundedUp(_ occupied: Int, _ percent: Int, _ required: Int) {
        let quota = VisitQuota(occupiedHouseholds: occupied, policy: policy.visitQuotas)
        #expect(quota.percent == percent)
        #expect(quota.required == required)
    }

    @Test func RPT_02_tenVisitsFor250HouseholdsNoneTwiceAllInWorkingHours() throws {
        var rng = SeededRandom(seed: 7)
        let plan = try planner.plan(site: "garden-court", month: period("2026-06"), occupied: households(250),
                                    notBefore: at(2026, 6, 1, 0), using: &rng)
        #expect(plan.quota.required == 10)
        #expect(plan.visits.count == 10)
        #expect(Set(plan.visits.map(\.household)).count == 10)
        for visit in plan.visits {
            #expect(calendar.isWorkingTime(visit.proposedAt), "\(local(visit.proposedAt)) is not working time")
            #expect(calendar.isWorkingTime(visit.proposedAt + .seconds(29 * 60)), "\(local(visit.proposedAt)) runs past a working period")
            #expect(calendar.localTime(of: visit.proposedAt) < LocalTime(hour: 22))
        }
        // June 2026 has 21 working days (Dragon Boat, 19 June, is off); visit i goes to
        // working day ⌊i·21/10⌋: the 1st, 3rd, 5th, 7th … working day, at the opening.
        #expect(plan.visits.map { local($0.proposedAt) } == [
            "2026-06-01 08:30", "2026-06-03 08:30", "2026-06-05 08:30", "2026-06-09 08:30", "2026-06-11 08:30",
            "2026-06-15 08:30", "2026-06-17 08:30", "2026-06-22 08:30", "2026-06-24 08:30", "2026-06-26 08:30",
        ])
        #expect(plan.summaryDue == day(2026, 7, 5))
    }

    @Test func RPT_02_noVisitProposedAfter22hEvenWhenWorkingHoursRunLate() throws {
        var late = calendar
        late.workingPeriods = [MinuteRange(LocalTime(hour: 13), LocalTime(hour: 24))]
        let planner = VisitPlanner(calendar: late, policy: policy.visitQuotas)
        var rng = SeededRandom(seed: 1)
        // 360 households: 18 visits, with only 30 June left, whose 13:00–22:00 holds
        // exactly 18 half-hour slots: the day is filled to its last slot, 21:30–22:00.
        let plan = try planner.plan(site: "s", month: period("2026-06"), occupied: households(360),
                                    notBefore: at(2026, 6, 30, 0), using: &rng)
        #expect(plan.visits.count == 18)
        #expect(plan.visits.first.map { local($0.proposedAt) } == "2026-06-30 13:00")
        #expect(plan.visits.last.map { local($0.proposedAt) } == "2026-06-30 21:30")
        #expect(plan.visits.allSatisfy { late.isVisitAllowed(at: $0.proposedAt) })
        // 361 households need 19 visits: one more than 30 June can hold before 22:00.
        #expect(throws: VisitPlanError.notEnoughTime(needed: 19, slots: 18)) {
            try planner.plan(site: "s", month: period("2026-06"), occupied: households(361),
                             notBefore: at(2026, 6, 30, 0), using: &rng)
        }
    }

    @Test func RPT_02_householdsVisitedThisMonthAreNotPlannedAgainButCount() throws {
        var rng = SeededRandom(seed: 3)
        let all = households(250)
        let done: Set<Household> = [all[0], all[1], all[2]]
        let plan = try planner.plan(site: "s", month: period("2026-06"), occupied: all, visitedThisMonth: done,
                                    notBefore: at(2026, 6, 10, 12), using: &rng)
        #expect(plan.alreadyVisitedThisMonth == 3)
        #expect(plan.visits.count == 7)
        #expect(Set(plan.visits.map(\.household)).isDisjoint(with: done))
        #expect(plan.visits.allSatisfy { $0.proposedAt >= at(2026, 6, 10, 12) })
    }

    @Test func RPT_02_neverVisitedHouseholdsComeFirstThenTheLongestAgo() throws {
        var rng = SeededRandom(seed: 5)
        let all = households(250)
        var last: [Household: CivilDate] = [:]
        for (i, h) in all.enumerated() where i >= 8 { last[h] = day(2026, 5, 1).adding(days: i % 20) }
        last[all[100]] = day(2025, 1, 1)
        last[all[101]] = day(2025, 2, 1)
        let plan = try planner.plan(site: "s", month: period("2026-06"), occupied: all, lastVisited: last,
                                    notBefore: at(2026, 6, 1, 0), using: &rng)
        #expect(Set(plan.visits.map(\.household)) == Set(all[0..<8]).union([all[100], all[101]]))
    }

    @Test func RPT_02_aDifferentSeedPicksDifferentHouseholds() throws {
        var a = SeededRandom(seed: 1), b = SeededRandom(seed: 2)
        let one = try planner.plan(site: "s", month: period("2026-06"), occupied: households(250), notBefore: at(2026, 6, 1, 0), using: &a)
        let two = try planner.plan(site: "s", month: period("2026-06"), occupied: households(250), notBefore: at(2026, 6, 1, 0), using: &b)
        #expect(one.visits.map(\.household) != two.visits.map(\.household))
    }

    @Test func RPT_02_summaryDueOnThe5thOfTheNextMonth() {
        #expect(policy.visitQuotas.summaryDue(for: period("2026-06")) == day(2026, 7, 5))
        #expect(policy.visitQuotas.summaryDue(for: period("2026-12")) == day(2027, 1, 5))
    }

    @Test func planningNeedsAMonthAndHouseholds() {
        var rng = SeededRandom(seed: 1)
        #expect(throws: VisitPlanError.notAMonth(period("2026-Q2"))) {
            try planner.plan(site: "s", month: period("2026-Q2"), occupied: households(5), notBefore: at(2026, 4, 1, 0), using: &rng)
        }
        #expect(throws: VisitPlanError.monthIsOver(period("2026-06"))) {
            try planner.plan(site: "s", month: period("2026-06"), occupied: households(5), notBefore: at(2026, 7, 1, 0), using: &rng)
        }
        #expect(throws: VisitPlanError.noHouseholds) {
            try planner.plan(site: "s", month: period("2026-06"), occupied: [], notBefore: at(2026, 6, 1, 0), using: &rng)
        }
    }
}
