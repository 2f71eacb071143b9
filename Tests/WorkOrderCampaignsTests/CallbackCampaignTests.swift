import Testing
import WorkOrderCore
@testable import WorkOrderCampaigns

@Suite struct CallbackCampaignTests {
    let planner = CallbackCampaignPlanner(calendar: calendar)
    let a = Household(building: "1", unit: "1", room: "101")
    let b = Household(building: "2", unit: "1", room: "202")
    let c = Household(building: "3", unit: "2", room: "303")

    @Test func CB_09_dailyCampaignCallsEveryoneWhoAskedSinceThePreviousWorkingDay() throws {
        // Monday 22 June 2026 follows Dragon Boat (Friday 19) and a weekend: it calls
        // back the requests of Thursday 18 to Sunday 21, one call per household.
        let requests = [
            RequestSummary(orderID: "WO-1", household: a, openedAt: at(2026, 6, 17, 23, 59)),   // before the window
            RequestSummary(orderID: "WO-2", household: b, openedAt: at(2026, 6, 18, 9)),
            RequestSummary(orderID: "WO-3", household: c, openedAt: at(2026, 6, 19, 20)),
            RequestSummary(orderID: "WO-4", household: b, openedAt: at(2026, 6, 21, 23, 59)),
            RequestSummary(orderID: "WO-5", household: a, openedAt: at(2026, 6, 22, 8)),        // today: tomorrow's list
        ]
        let plan = try planner.plan(.daily_callbacks, site: "s", period: period("2026-06-22"), requests: requests)
        #expect(plan.calls == [PlannedCall(household: b, orderIDs: ["WO-2", "WO-4"]), PlannedCall(household: c, orderIDs: ["WO-3"])])
        #expect(plan.requestsFrom == day(2026, 6, 18))
        #expect(plan.requestsTo == day(2026, 6, 21))
        #expect(local(plan.callBy) == "2026-06-22 18:00")
        #expect(plan.id.description == "daily_callbacks/s/2026-06-22")
    }

    @Test func CB_09_quarterlyCampaignCallsThePreviousQuartersRequesters() throws {
        let requests = [
            RequestSummary(orderID: "WO-1", household: a, openedAt: at(2026, 3, 31, 23)),
            RequestSummary(orderID: "WO-2", household: b, openedAt: at(2026, 4, 1, 9)),
            RequestSummary(orderID: "WO-3", household: b, openedAt: at(2026, 6, 30, 17)),
            RequestSummary(orderID: "WO-4", household: c, openedAt: at(2026, 7, 1, 9)),
        ]
        let plan = try planner.plan(.quarterly_callbacks, site: "s", period: period("2026-Q3"), requests: requests)
        #expect(plan.calls == [PlannedCall(household: b, orderIDs: ["WO-2", "WO-3"])])
        #expect(plan.requestsFrom == day(2026, 4, 1))
        #expect(plan.requestsTo == day(2026, 6, 30))
        #expect(local(plan.callBy) == "2026-09-30 18:00")
    }

    @Test func CB_09_annualCampaignCallsEveryOccupiedHouseholdOnce() throws {
        let plan = try planner.plan(.annual_callbacks, site: "s", period: period("2026"), households: [a, b, a, c])
        #expect(plan.calls.map(\.household) == [a, b, c])
        // 31 December 2026 is a Thursday.
        #expect(local(plan.callBy) == "2026-12-31 18:00")
    }

    @Test func CB_09_specialCampaignNeedsATopicAndRunsUntilItsLastDay() throws {
        #expect(throws: CallbackCampaignError.topicRequired) {
            try planner.plan(.special_callbacks, site: "s", period: period("2026-07-03"), households: [a])
        }
        let plan = try planner.plan(.special_callbacks, site: "s", period: period("2026-07-03"), topic: "water-outage",
                                    households: [a, b], until: day(2026, 7, 4))
        #expect(plan.id.description == "special_callbacks/s/2026-07-03/water-outage")
        // Saturday 4 July is not worked: the campaign ends on Monday 6 July.
        #expect(local(plan.callBy) == "2026-07-06 18:00")
    }

    @Test func CB_09_eachCampaignRunsOverItsOwnKindOfPeriod() {
        #expect(throws: CallbackCampaignError.wrongPeriod(.daily_callbacks, period("2026-06"), expected: "a day (YYYY-MM-DD)")) {
            try planner.plan(.daily_callbacks, site: "s", period: period("2026-06"))
        }
        #expect(throws: CallbackCampaignError.notACallbackCampaign(.household_visits)) {
            try planner.plan(.household_visits, site: "s", period: period("2026-06"))
        }
        #expect(throws: CallbackCampaignError.nothingToCall) {
            try planner.plan(.daily_callbacks, site: "s", period: period("2026-06-22"))
        }
    }

    @Test func CB_09_statusCountsReachedNotReachedAndDissatisfiedOwners() throws {
        let plan = try planner.plan(.annual_callbacks, site: "s", period: period("2026"), households: [a, b, c])
        let outcomes = [
            CampaignOutcome(household: a, result: .not_reached, by: "li.cs", at: at(2026, 3, 2, 10)),
            CampaignOutcome(household: a, result: .reached, by: "li.cs", at: at(2026, 3, 3, 10), answer: "satisfied"),
            CampaignOutcome(household: b, result: .reached, by: "li.cs", at: at(2026, 3, 3, 11), answer: "dissatisfied"),
            CampaignOutcome(household: c, result: .not_reached, by: "li.cs", at: at(2026, 3, 3, 12)),
        ]
        let status = CallbackCampaignStatus(plan: plan, outcomes: outcomes, scale: policy.satisfaction)
        #expect(status.planned == 3)
        #expect(status.reached == 2)
        #expect(status.notReached == 1)
        #expect(status.open == 0)
        #expect(status.dissatisfied == 1)
        #expect(status.reachedPercent > 66.6 && status.reachedPercent < 66.7)
    }
}
