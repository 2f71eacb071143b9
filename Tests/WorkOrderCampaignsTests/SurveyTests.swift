import Testing
import WorkOrderCore
@testable import WorkOrderCampaigns

@Suite struct SurveyTests {
    let planner = SurveyPlanner(calendar: calendar, scale: policy.satisfaction)

    @Test func SAT_02_juneSurveyCollectedWithin15WorkingDaysOverDragonBoat() throws {
        let plan = try planner.plan(site: "s", half: period("2026-H1"), occupied: households(200))
        // Handed out Monday 1 June; 15 working days after it, 19 June (Dragon Boat) and
        // the weekends skipped: 2–5, 8–12, 15–18, 22, 23 June.
        #expect(plan.handOutOn == day(2026, 6, 1))
        #expect(local(plan.collectBy) == "2026-06-23 18:00")
        #expect(plan.formsIssued == 200)
        #expect(plan.minimumReturnPercent == 60)
        #expect(plan.penaltyPerMissingPoint == 5)
    }

    @Test func SAT_02_decemberSurveyAndAChosenHandOutDay() throws {
        let december = try planner.plan(site: "s", half: period("2026-H2"), occupied: households(10))
        #expect(december.handOutOn == day(2026, 12, 1))
        #expect(local(december.collectBy) == "2026-12-22 18:00")
        let later = try planner.plan(site: "s", half: period("2026-H2"), occupied: households(10), handOutOn: day(2026, 12, 7))
        #expect(local(later.collectBy) == "2026-12-28 18:00")
        #expect(throws: SurveyPlanError.handOutOutsideSurveyMonth(day(2026, 11, 30), month: 12)) {
            try planner.plan(site: "s", half: period("2026-H2"), occupied: households(10), handOutOn: day(2026, 11, 30))
        }
        #expect(throws: SurveyPlanError.notAHalfYear(period("2026-06"))) {
            try planner.plan(site: "s", half: period("2026-06"), occupied: households(10))
        }
    }

    @Test(arguments: [(200, 110, 55.0, 25.0), (200, 120, 60.0, 0.0), (200, 150, 75.0, 0.0), (200, 115, 57.5, 12.5), (250, 137, 54.8, 26.0), (200, 0, 0.0, 300.0)])
    func SAT_02_fivePointsOffPerMissingPointBelow60(_ issued: Int, _ returned: Int, _ rate: Double, _ penalty: Double) {
        let r = SurveyReturn(formsIssued: issued, returned: returned, minimumReturnPercent: 60, penaltyPerMissingPoint: 5)
        #expect(r.returnPercent == rate)
        #expect(r.penaltyPoints == penalty)
        #expect(r.meetsMinimum == (rate >= 60))
    }

    @Test func SAT_02_penaltyComesOffTheSatisfactionRate() {
        let r = SurveyReturn(formsIssued: 200, returned: 110, minimumReturnPercent: 60, penaltyPerMissingPoint: 5)
        #expect(r.adjustedSatisfaction(92) == 67)
        #expect(r.adjustedSatisfaction(20) == 0)
    }

    @Test func SAT_02_onlyFormsBackByTheDeadlineCountOncePerHousehold() throws {
        let all = households(20)
        let plan = try planner.plan(site: "s", half: period("2026-H1"), occupied: all)
        var outcomes = all.prefix(11).map { CampaignOutcome(household: $0, result: .returned, by: "li.cs", at: at(2026, 6, 23, 17, 59)) }
        outcomes.append(CampaignOutcome(household: all[0], result: .returned, by: "li.cs", at: at(2026, 6, 10, 9)))
        outcomes += all[11..<13].map { CampaignOutcome(household: $0, result: .returned, by: "li.cs", at: at(2026, 6, 24, 9)) }
        outcomes.append(CampaignOutcome(household: households(21)[20], result: .returned, by: "li.cs", at: at(2026, 6, 5, 9)))
        let status = SurveyCampaignStatus(plan: plan, outcomes: outcomes, now: at(2026, 6, 24, 12))
        #expect(status.returns.returned == 11)
        #expect(status.returns.returnPercent == 55)
        #expect(status.returns.penaltyPoints == 25)
        #expect(status.returnedLate == 2)
        #expect(status.collectionClosed)
    }
}
