import Testing
import WorkOrderCore
import WorkOrderStore
@testable import WorkOrderReports

/// RPT-01, RPT-02, RPT-03 on hand-built months.
@Suite struct MonthlyReportTests {
    @Test(arguments: [(300, 4, 12), (301, 5, 16), (500, 5, 25), (501, 6, 31), (800, 6, 48), (801, 7, 57), (1200, 7, 84)])
    func RPT_02_visitQuotaBySize(occupied: Int, percent: Int, required: Int) {
        // At least the share: 301 × 5% = 15.05 → 16 households.
        let quota = VisitQuota(occupiedHouseholds: occupied, policy: VisitQuotaPolicy())
        #expect(quota.percent == percent && quota.required == required)
        #expect(quota.recorded == nil && quota.met == nil)
    }

    @Test func RPT_02_eachHouseholdVisitedCountsOnceAndOnlyInTheMonth() {
        func visit(_ household: String, _ result: String, _ instant: Instant) -> StoredCampaignOutcome {
            StoredCampaignOutcome(campaignID: "V-2026-03", household: household, result: result, actor: "li.cs", at: instant, recordedAt: instant)
        }
        let outcomes = [visit("3-2-501", "visited", at(hours: 1)), visit("3-2-501", "visited", at(hours: 30)),
                        visit("3-2-502", "not_visited", at(hours: 2)), visit("3-2-503", "visited", at(hours: 3)),
                        visit("3-2-504", "visited", at(hours: 24 * 40))]
        #expect(VisitQuota.householdsVisited(outcomes, from: t0, before: at(hours: 24 * 30)) == 2)
    }

    @Test func RPT_02_withoutTheHouseholdCountOnlyTheBandsAreShown() {
        let quota = VisitQuota(occupiedHouseholds: nil, policy: VisitQuotaPolicy())
        #expect(quota.required == nil && quota.bands.count == 4 && quota.dueDay == 5)
        #expect(VisitQuota(occupiedHouseholds: 400, policy: VisitQuotaPolicy(), recorded: 19).met == false)
        #expect(VisitQuota(occupiedHouseholds: 400, policy: VisitQuotaPolicy(), recorded: 20).met == true)
    }

    /// Three complaints (two on noise), one repair reported twice at one household.
    func month() throws -> [OrderFacts] {
        let now = at(hours: 24 * 40)
        var escalated = HistoryWriter(order: "C-1", state: "received")
        escalated.set(.handling, due: at(hours: 48), at: t0)
        escalated.fire(.handling, at: at(hours: 48))
        escalated.add("handled", at: at(hours: 50), actor: "li.cs (cs_supervisor)", state: "handled")
        var calledBack = HistoryWriter(order: "C-2", state: "calling_back")
        calledBack.scheduleCallback(round: 1, due: at(hours: 24), at: t0)
        calledBack.reached(round: 1, "dissatisfied", at: at(hours: 20))
        var repairOne = HistoryWriter(order: "R-1", state: "calling_back")
        repairOne.scheduleCallback(round: 1, due: at(hours: 48), at: t0)
        repairOne.reached(round: 1, "very_satisfied", at: at(hours: 30), state: "closed")
        let escalation = Followup(type: "escalation", role: "site_director", level: 1, reason: "handling deadline passed", at: at(hours: 48))
        return [
            facts(try complaint("C-1", subject: "neighbour_behaviour"), escalated.rows, now: now, followups: [escalation]),
            facts(try complaint("C-2", subject: "neighbour_behaviour", closed: true), calledBack.rows, now: now),
            facts(try complaint("C-3", subject: "staff_attitude", closed: true), [], now: now),
            facts(try repair("R-1", subject: "Tap ", closed: true), repairOne.rows, now: now),
            facts(try repair("R-2", subject: "tap"), [], now: now),
        ]
    }

    @Test func RPT_01_complaintReportCountsClassesDeadlinesAndSubjects() throws {
        let report = MonthlyReport(site: "garden-court", year: 2026, month: 3, orders: try month(), occupiedHouseholds: 420,
                                   context: context(now: at(hours: 24 * 40)))
        let c = report.complaints
        #expect((c.received, c.closed, c.open, c.escalated) == (3, 2, 1, 1))
        #expect(c.byValidity.first { $0.name == "unclassified" }?.count == 3)
        #expect(c.serviceLevels.map { "\($0.purpose.rawValue) \($0.met)/\($0.breached)" } == ["handling 0/1"])
        // C-2 reached, C-3 ended uncalled; C-1 has no call-back yet: 1 of 2.
        #expect(c.callbackRate.due == 2 && c.callbackRate.percent == 50)
        #expect(c.satisfaction.dissatisfied == 1 && c.satisfaction.percent == 0)
        // 2 of 3, then 1 more starting at 66.7% (< 80%): both are main.
        #expect(c.subjects.mainCauses == ["neighbour_behaviour", "staff_attitude"])
        #expect(c.complaints.map(\.id) == ["C-1", "C-2", "C-3"])
        // Due by the 5th of the next month.
        #expect(report.dueDate == CivilDate(year: 2026, month: 4, day: 5))
        #expect(report.visits.required == 21)
    }

    @Test func RPT_01_decemberIsDueInJanuary() throws {
        let report = MonthlyReport(site: "garden-court", year: 2026, month: 12, orders: [], occupiedHouseholds: nil,
                                   context: context(now: t0))
        #expect(report.dueDate == CivilDate(year: 2027, month: 1, day: 5))
        #expect(report.complaints.received == 0 && report.complaints.satisfaction.percent == nil)
    }

    @Test func RPT_03_repairStatisticsCountCallbacksSatisfactionAndRecurringProblems() throws {
        let s = ServiceReport(try month(), context: context(now: at(hours: 24 * 40)))
        let repairs = try #require(s.byKind.first { $0.kind == .repair })
        #expect((repairs.opened, repairs.finished) == (2, 1))
        #expect(s.callbackRate.due == 1 && s.callbackRate.reached == 1)
        #expect(s.satisfaction.percent == 100)
        // "Tap " and "tap" at 3-2-501: the same cause twice.
        #expect(s.recurring.map(\.orders) == [["R-1", "R-2"]])
        #expect(s.recurring.first?.cause == "repair: tap")
    }

    @Test func RPT_01_csvHoldsTheFiguresOneALine() throws {
        let report = MonthlyReport(site: "garden-court", year: 2026, month: 3, orders: try month(), occupiedHouseholds: 420,
                                   context: context(now: at(hours: 24 * 40)))
        let lines = report.csv().split(separator: "\r\n").map(String.init)
        #expect(lines.first == "section,item,value")
        #expect(lines.contains("complaints,received,3"))
        #expect(lines.contains("complaints,callback_rate_percent,50.0"))
        #expect(lines.contains("visits,required,21"))
        #expect(lines.contains("visits,recorded,"))
        let markdown = report.document(policy: testPolicy).markdown()
        #expect(markdown.hasPrefix("# Monthly report, garden-court, 2026-03\n"))
        #expect(markdown.contains("| neighbour_behaviour | 2 | 66.7% | 66.7% | yes |"))
        #expect(markdown.contains("none: this store keeps no campaign records"))
    }
}
