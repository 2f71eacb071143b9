import Foundation
import WorkOrderCampaigns
import WorkOrderCore

/// The human-readable output of `wo campaigns`; `--json` prints the same models.
enum CampaignsOutput {
    static func show(_ plan: VisitPlan, calendar: BusinessCalendar) {
        let q = plan.quota
        print("\(plan.id): \(q.occupiedHouseholds) occupied households, quota \(q.percent)% = \(q.required) visits")
        if plan.alreadyVisitedThisMonth > 0 { print("already visited this month: \(plan.alreadyVisitedThisMonth)") }
        print("summary due \(plan.summaryDue)")
        for visit in plan.visits { print("  \(calendar.localDescription(of: visit.proposedAt))  \(visit.household)") }
    }

    static func show(_ plan: SurveyPlan, calendar: BusinessCalendar) {
        print("\(plan.id): \(plan.formsIssued) forms, handed out \(plan.handOutOn), collected by \(calendar.localDescription(of: plan.collectBy))")
        print("minimum return \(number(plan.minimumReturnPercent))%; \(number(plan.penaltyPerMissingPoint)) points off per point below")
    }

    static func show(_ plan: CallbackCampaignPlan, calendar: BusinessCalendar) {
        var header = "\(plan.id): \(plan.calls.count) calls, by \(calendar.localDescription(of: plan.callBy))"
        if let from = plan.requestsFrom, let to = plan.requestsTo { header += " (requests of \(from) to \(to))" }
        print(header)
        for call in plan.calls { print("  \(call.household)" + (call.orderIDs.isEmpty ? "" : "  " + call.orderIDs.joined(separator: ", "))) }
    }

    static func show(_ report: CampaignStatusReport, calendar: BusinessCalendar) {
        print("campaigns at \(report.site), \(report.month)")
        if let v = report.visits {
            let q = v.quota
            print("visits: \(q.visitedHouseholds) of \(q.quota.required) households (\(q.quota.percent)% of \(q.quota.occupiedHouseholds))"
                  + (q.isMet ? " - quota met" : " - \(q.stillNeeded) still needed"))
            print("  planned \(v.planned), open \(v.open), off plan \(v.visitedOffPlan), attempts not done \(v.failedAttempts)")
            print("  summary due \(v.summaryDue)" + (v.summaryDayPassed ? " (passed)" : ""))
        } else {
            print("visits: not planned")
        }
        if let s = report.survey {
            let r = s.returns
            print("survey \(s.id.period): \(r.returned) of \(r.formsIssued) forms back by \(calendar.localDescription(of: s.collectBy))"
                  + " = \(number(r.returnPercent))%" + (r.meetsMinimum ? "" : ", below \(number(r.minimumReturnPercent))%: \(number(r.penaltyPoints)) points off"))
            if s.returnedLate > 0 { print("  \(s.returnedLate) forms came back late (not counted)") }
            if !s.collectionClosed { print("  collection still open") }
        }
        for cb in report.callbacks {
            print("\(cb.id.kind.rawValue) \(cb.id.period)\(cb.id.topic.map { " \($0)" } ?? ""): reached \(cb.reached) of \(cb.planned)"
                  + " (\(number(cb.reachedPercent))%), not reached \(cb.notReached), open \(cb.open), dissatisfied \(cb.dissatisfied)")
        }
    }

    static func recorded(_ outcome: CampaignOutcome, in id: CampaignID, calendar: BusinessCalendar, json: Bool) throws {
        if json { return try CampaignJSON.print(outcome) }
        print("\(id): \(outcome.household) \(outcome.result.rawValue) by \(outcome.by) at \(calendar.localDescription(of: outcome.at))"
              + (outcome.answer.map { ", \($0)" } ?? ""))
    }

    static func recordedReturns(_ count: Int, late: Bool, in id: CampaignID, json: Bool) throws {
        struct Recorded: Encodable { var campaign: String; var returned: Int; var late: Bool }
        if json { return try CampaignJSON.print(Recorded(campaign: id.description, returned: count, late: late)) }
        print("\(id): \(count) form\(count == 1 ? "" : "s") returned" + (late ? " after the deadline (not counted)" : ""))
    }

    /// One decimal at most: 55, 57.5, 66.7.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
