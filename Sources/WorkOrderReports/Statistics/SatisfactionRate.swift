import WorkOrderCore

/// SAT-01: satisfied answers over satisfied plus dissatisfied, in percent. Which words
/// count as satisfied comes from the policy's scale, so the call-back formula (very
/// satisfied + satisfied + fairly satisfied) and the survey formula (satisfied +
/// basically satisfied) are the same computation over different scales. Abstentions —
/// no answer, or one not on the scale — are counted but left out of the rate.
public struct SatisfactionRate: Hashable, Codable, Sendable {
    /// Answers per level of the scale, in the scale's order.
    public var byLevel: [LevelCount]
    public var satisfied: Int
    public var dissatisfied: Int
    public var abstentions: Int
    /// Nil when nobody answered on the scale.
    public var percent: Double?
    /// SAT-04.
    public var targetPercent: Double
    public var meetsTarget: Bool?

    public init(answers: [String?], scale: SatisfactionScale) {
        var counts: [String: Int] = [:]
        var abstentions = 0
        for answer in answers {
            if let answer, scale.levels.contains(answer) { counts[answer, default: 0] += 1 } else { abstentions += 1 }
        }
        byLevel = scale.levels.map { LevelCount(level: $0, count: counts[$0] ?? 0) }
        satisfied = byLevel.filter { scale.isSatisfied($0.level) }.reduce(0) { $0 + $1.count }
        dissatisfied = byLevel.filter { !scale.isSatisfied($0.level) }.reduce(0) { $0 + $1.count }
        self.abstentions = abstentions
        let answered = satisfied + dissatisfied
        percent = answered == 0 ? nil : Double(satisfied) * 100 / Double(answered)
        targetPercent = scale.monthlyTargetPercent
        meetsTarget = percent.map { $0 >= scale.monthlyTargetPercent }
    }

    public struct LevelCount: Hashable, Codable, Sendable {
        public var level: String
        public var count: Int
    }
}

/// SAT-02: a survey's return rate and the points it takes off the satisfaction rate:
/// each percentage point under the minimum costs the penalty, a part of a point in
/// proportion (57.5% → 12.5 points), as `wo campaigns` charges it.
public struct SurveyReturn: Hashable, Codable, Sendable {
    public var sent: Int
    public var returned: Int
    public var returnPercent: Double
    public var minimumPercent: Double
    public var penaltyPoints: Double

    public init(sent: Int, returned: Int, scale: SatisfactionScale) {
        self.sent = sent
        self.returned = returned
        returnPercent = sent == 0 ? 0 : Double(returned) * 100 / Double(sent)
        minimumPercent = scale.minimumReturnPercent
        // Divided last, so that whole figures stay whole (137 of 250 → exactly 26 points).
        let missingHundredths = max(0, scale.minimumReturnPercent * Double(sent) - Double(returned) * 100)
        penaltyPoints = sent == 0 ? scale.minimumReturnPercent * scale.penaltyPerMissingPoint
            : missingHundredths * scale.penaltyPerMissingPoint / Double(sent)
    }

    /// The satisfaction rate after the penalty, never below zero.
    public func adjusted(_ ratePercent: Double) -> Double { max(0, ratePercent - penaltyPoints) }
}
