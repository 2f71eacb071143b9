import WorkOrderCore

/// SAT-02: when the half-yearly survey runs. The months and the collection span are
/// the seed's (June and December; forms collected within 15 working days). They are
/// kept here, not in `workflows/satisfaction.yaml`, until the policy loader reads them.
public struct SurveySchedule: Hashable, Codable, Sendable {
    /// The month of each half in which the forms are handed out.
    public var firstHalfMonth = 6
    public var secondHalfMonth = 12
    /// Counted from the day the forms are handed out, that day not included.
    public var collectionWithin: PolicyDuration = .workingDays(15)

    public init() {}

    public func month(of half: Int) -> Int { half == 1 ? firstHalfMonth : secondHalfMonth }
}

/// One half-year's survey at one site: every occupied unit gets a form.
public struct SurveyPlan: Hashable, Codable, Sendable {
    public var id: CampaignID
    public var households: [Household]
    /// The day the forms go out.
    public var handOutOn: CivilDate
    /// Forms collected after this do not count towards the return rate.
    public var collectBy: Instant
    public var minimumReturnPercent: Double
    public var penaltyPerMissingPoint: Double

    public var formsIssued: Int { households.count }
}

public enum SurveyPlanError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAHalfYear(CampaignPeriod)
    case handOutOutsideSurveyMonth(CivilDate, month: Int)
    case noHouseholds

    public var description: String {
        switch self {
        case .notAHalfYear(let p): return "\(p) is not a half year (expected e.g. 2026-H2)"
        case .handOutOutsideSurveyMonth(let day, let month):
            return "the forms go out in month \(month) of the half (SAT-02); \(day) is not in it"
        case .noHouseholds: return "the list of occupied households is empty"
        }
    }
}

/// Plans a half-year's survey (SAT-02) in the site's business calendar.
public struct SurveyPlanner: Sendable {
    public var calendar: BusinessCalendar
    public var scale: SatisfactionScale
    public var schedule: SurveySchedule

    public init(calendar: BusinessCalendar, scale: SatisfactionScale, schedule: SurveySchedule = SurveySchedule()) {
        self.calendar = calendar
        self.scale = scale
        self.schedule = schedule
    }

    /// `handOutOn` defaults to the first working day of the survey month.
    public func plan(site: String, half period: CampaignPeriod, occupied: [Household], handOutOn: CivilDate? = nil) throws(SurveyPlanError) -> SurveyPlan {
        guard case .half(let year, let half) = period else { throw .notAHalfYear(period) }
        guard !occupied.isEmpty else { throw .noHouseholds }
        let month = schedule.month(of: half)
        let surveyMonth = CampaignPeriod.month(year: year, month: month)
        let day = handOutOn ?? calendar.workingDay(onOrAfter: surveyMonth.firstDay)
        guard surveyMonth.contains(day) else { throw .handOutOutsideSurveyMonth(day, month: month) }
        let collectBy = calendar.due(after: schedule.collectionWithin, from: calendar.startOfDay(day))
        return SurveyPlan(
            id: CampaignID(kind: .satisfaction_survey, site: site, period: period), households: occupied,
            handOutOn: day, collectBy: collectBy,
            minimumReturnPercent: scale.minimumReturnPercent, penaltyPerMissingPoint: scale.penaltyPerMissingPoint)
    }
}
