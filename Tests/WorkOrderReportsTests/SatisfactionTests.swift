import Testing
import WorkOrderCore
import WorkOrderReports

/// SAT-01, SAT-02, SAT-04 on hand-counted answers.
@Suite struct SatisfactionTests {
    let scale = SatisfactionScale()

    @Test func SAT_01_rateLeavesOutAbstentions() {
        // 3 very satisfied + 4 satisfied + 2 fairly satisfied = 9 satisfied, 1 dissatisfied,
        // 2 unanswered and 1 off the scale left out: 9 / 10 = 90%.
        let answers: [String?] = Array(repeating: "very_satisfied", count: 3) + Array(repeating: "satisfied", count: 4)
            + ["fairly_satisfied", "fairly_satisfied", "dissatisfied", nil, nil, "excellent"]
        let rate = SatisfactionRate(answers: answers, scale: scale)
        #expect((rate.satisfied, rate.dissatisfied, rate.abstentions) == (9, 1, 3))
        #expect(rate.percent == 90)
        #expect(rate.byLevel.map(\.count) == [3, 4, 2, 1])
    }

    @Test func SAT_01_surveyFormulaIsTheSameComputationOnItsOwnScale() {
        var survey = SatisfactionScale()
        survey.levels = ["satisfied", "basically_satisfied", "dissatisfied"]
        survey.satisfied = ["satisfied", "basically_satisfied"]
        // (5 + 2) / (5 + 2 + 3) = 70%; the abstention is left out.
        let answers: [String?] = Array(repeating: "satisfied", count: 5) + ["basically_satisfied", "basically_satisfied"]
            + Array(repeating: "dissatisfied", count: 3) + [nil]
        #expect(SatisfactionRate(answers: answers, scale: survey).percent == 70)
    }

    @Test func SAT_01_noAnswersNoRate() {
        let rate = SatisfactionRate(answers: [nil], scale: scale)
        #expect(rate.percent == nil && rate.meetsTarget == nil && rate.abstentions == 1)
    }

    @Test func SAT_04_monthlyTargetIsNinetyPercent() {
        let ninety = SatisfactionRate(answers: Array(repeating: "satisfied", count: 9) + ["dissatisfied"], scale: scale)
        #expect(ninety.meetsTarget == true)
        // 8 / 9 = 88.9%: under.
        let under = SatisfactionRate(answers: Array(repeating: "satisfied", count: 8) + ["dissatisfied"], scale: scale)
        #expect(under.meetsTarget == false)
        #expect(Format.percent(under.percent) == "88.9%")
    }

    @Test func SAT_02_eachMissingReturnPointCostsFivePoints() {
        let half = SurveyReturn(sent: 200, returned: 100, scale: scale)        // 50%: 10 points short
        #expect(half.returnPercent == 50 && half.penaltyPoints == 50)
        #expect(half.adjusted(92) == 42)
        let almost = SurveyReturn(sent: 200, returned: 119, scale: scale)      // 59.5%: half a point short
        #expect(almost.penaltyPoints == 2.5 && almost.adjusted(92) == 89.5)
        #expect(SurveyReturn(sent: 250, returned: 137, scale: scale).penaltyPoints == 26)   // 54.8%: 5.2 points short
        #expect(SurveyReturn(sent: 200, returned: 120, scale: scale).penaltyPoints == 0)
        #expect(SurveyReturn(sent: 10, returned: 0, scale: scale).adjusted(80) == 0)
    }
}

/// SAT-03 on hand-ranked causes.
@Suite struct ParetoTests {
    @Test func SAT_03_mainCausesAreWithinEightyPercentCumulative() {
        // 5, 3, 1, 1 of 10: cumulative 50%, 80%, 90%, 100%.
        let table = ParetoTable(counts: ["lift": 3, "noise": 5, "parking": 1, "greening": 1], cutoffPercent: 80)
        #expect(table.items.map(\.cause) == ["noise", "lift", "greening", "parking"])
        #expect(table.items.map(\.cumulativePercent) == [50, 80, 90, 100])
        #expect(table.mainCauses == ["noise", "lift"])
        #expect(table.total == 10)
    }

    @Test func SAT_03_theCauseThatCrossesTheLineIsMain() {
        // 6, 3, 1 of 10: 60% then 90%; the second starts below 80%, so it is main.
        #expect(ParetoTable(counts: ["a": 6, "b": 3, "c": 1], cutoffPercent: 80).mainCauses == ["a", "b"])
        #expect(ParetoTable(counts: ["a": 9, "b": 1], cutoffPercent: 80).mainCauses == ["a"])
        #expect(ParetoTable(counts: [:], cutoffPercent: 80).items.isEmpty)
    }
}
