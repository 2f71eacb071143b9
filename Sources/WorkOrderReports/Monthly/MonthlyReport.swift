import WorkOrderCore

/// `wo report monthly`: for one site and month, the complaint report (RPT-01), the
/// repair and service statistics (RPT-03) and the household-visit quota (RPT-02), all
/// due by the policy's day of the next month.
public struct MonthlyReport: Hashable, Codable, Sendable {
    public var site: String
    /// `YYYY-MM`.
    public var month: String
    public var dueDate: CivilDate
    public var at: Instant
    public var complaints: ComplaintReport
    public var services: ServiceReport
    public var visits: VisitQuota

    /// `visitsRecorded`: households visited in the month, nil when nothing records visits.
    public init(site: String, year: Int, month: Int, orders: [OrderFacts], occupiedHouseholds: Int?, visitsRecorded: Int? = nil,
                context: ReadContext) {
        self.site = site
        self.month = "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
        let next = month == 12 ? (year + 1, 1) : (year, month + 1)
        let quotas = context.policy.visitQuotas
        dueDate = CivilDate(year: next.0, month: next.1, day: min(quotas.summaryDueDay, CivilDate.daysInMonth(year: next.0, month: next.1)))
        at = context.now
        complaints = ComplaintReport(orders, context: context)
        services = ServiceReport(orders, context: context)
        visits = VisitQuota(occupiedHouseholds: occupiedHouseholds, policy: quotas, recorded: visitsRecorded)
    }
}
