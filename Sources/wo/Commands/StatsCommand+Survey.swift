import Foundation
import WorkOrderCampaigns
import WorkOrderCore
import WorkOrderReports
import WorkOrderStore

/// SAT-02 figures for `wo stats`, from the survey `wo campaigns` planned and recorded for
/// the half year that contains the month.
enum RecordedSurvey {
    static func returns(
        store: any OrderStore, site: String, month: ReportPeriod, policy: PolicySet, now: Instant
    ) async throws -> WorkOrderReports.SurveyReturn? {
        guard let campaigns = store as? any CampaignStore else { return nil }
        let asked = CampaignPeriod.month(year: month.first.year, month: month.first.month)
        for stored in try await campaigns.campaigns(site: site, kind: CampaignKind.satisfaction_survey.rawValue) {
            guard let period = CampaignPeriod(parsing: stored.period), period.overlaps(asked) else { continue }
            let plan = try CampaignJSON.decoder.decode(CampaignPlan.self, from: Data(stored.plan.utf8))
            let outcomes = try await campaigns.campaignOutcomes(campaignID: stored.id).compactMap(CampaignsContext.outcome)
            let status = plan.status(outcomes: outcomes, calendar: policy.calendar(forSite: site), scale: policy.satisfaction, now: now)
            if case .survey(let survey) = status {
                return WorkOrderReports.SurveyReturn(
                    sent: survey.returns.formsIssued, returned: survey.returns.returned, scale: policy.satisfaction)
            }
        }
        return nil
    }
}
