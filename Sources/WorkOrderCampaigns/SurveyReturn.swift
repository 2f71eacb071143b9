/// SAT-02: the survey's return rate and what it costs the satisfaction rate.
///
/// Each percentage point of return rate below the minimum (60%) takes
/// `penaltyPerMissingPoint` (5) points off the satisfaction rate. A rate between two
/// whole points is charged in proportion (57.5% → 2.5 points missing → 12.5 off), so
/// that no rounding convention decides the penalty.
public struct SurveyReturn: Hashable, Codable, Sendable {
    public var formsIssued: Int
    /// Forms collected by the deadline; only these count.
    public var returned: Int
    public var minimumReturnPercent: Double
    public var penaltyPerMissingPoint: Double
    // Stored, not computed, so that `--json` carries them.
    /// Returned forms as a percentage of forms issued (0 when none were issued).
    public private(set) var returnPercent: Double
    public private(set) var meetsMinimum: Bool
    public private(set) var missingPoints: Double
    /// Points taken off the survey's satisfaction rate.
    public private(set) var penaltyPoints: Double

    public init(formsIssued: Int, returned: Int, minimumReturnPercent: Double, penaltyPerMissingPoint: Double) {
        self.formsIssued = formsIssued
        self.returned = returned
        self.minimumReturnPercent = minimumReturnPercent
        self.penaltyPerMissingPoint = penaltyPerMissingPoint
        // Divided last, so that 137 of 250 gives 26 points off, not 26.000000000000014.
        let issued = Double(max(formsIssued, 0)), back = Double(min(max(returned, 0), max(formsIssued, 0)))
        let missingHundredths = max(minimumReturnPercent * issued - back * 100, 0)
        returnPercent = issued > 0 ? back * 100 / issued : 0
        meetsMinimum = returnPercent >= minimumReturnPercent
        missingPoints = issued > 0 ? missingHundredths / issued : minimumReturnPercent
        penaltyPoints = issued > 0 ? missingHundredths * penaltyPerMissingPoint / issued : minimumReturnPercent * penaltyPerMissingPoint
    }

    public init(plan: SurveyPlan, returned: Int) {
        self.init(formsIssued: plan.formsIssued, returned: returned,
                  minimumReturnPercent: plan.minimumReturnPercent, penaltyPerMissingPoint: plan.penaltyPerMissingPoint)
    }

    /// The satisfaction rate (SAT-01, from the returned forms) after the penalty, never below 0.
    public func adjustedSatisfaction(_ ratePercent: Double) -> Double {
        max(ratePercent - penaltyPoints, 0)
    }
}
