import WorkOrderCore

/// Tables and facts that the statistics and the monthly report share.
enum Sections {
    static func serviceLevels(_ lines: [ServiceLevel]) -> TextTable {
        TextTable(headers: ["DEADLINE", "RULES", "MET", "BREACHED", "RUNNING", "AT RISK", "COMPLIANCE"], rows: lines.map { line in
            [Cell(line.purpose.rawValue), Cell(line.rules.joined(separator: ",")), Cell("\(line.met)"),
             Cell("\(line.breached)", line.breached > 0 ? .bad : .plain), Cell("\(line.running)"),
             Cell("\(line.atRisk)", line.atRisk > 0 ? .warning : .plain),
             Cell(Format.percent(line.percent), line.percent.map { $0 < 100 ? .warning : .good } ?? .plain)]
        }, numeric: [2, 3, 4, 5, 6])
    }

    static func callbackRate(_ rate: CallbackRate) -> [(String, Cell)] {
        [("call-back rate (CB-08)", Cell(Format.percent(rate.percent) + " of \(rate.due) due, target 90–100%", Format.tone(meets: rate.meetsTarget))),
         ("owners reached", Cell("\(rate.reached)")),
         ("call-backs not yet due", Cell("\(rate.notYetDue)")),
         ("complaints not sampled (CB-03)", Cell("\(rate.notSampled)"))]
    }

    static func satisfaction(_ rate: SatisfactionRate) -> [(String, Cell)] {
        [("satisfaction (SAT-01)", Cell(Format.percent(rate.percent) + ", target ≥ \(Format.percent(rate.targetPercent)) (SAT-04)",
                                        Format.tone(meets: rate.meetsTarget))),
         ("answers", Cell(rate.byLevel.map { "\($0.level) \($0.count)" }.joined(separator: ", "))),
         ("satisfied / dissatisfied", Cell("\(rate.satisfied) / \(rate.dissatisfied)")),
         ("abstentions (left out)", Cell("\(rate.abstentions)"))]
    }

    static func survey(_ survey: SurveyReturn?, rate: SatisfactionRate) -> [(String, Cell)] {
        guard let survey else { return [("survey (SAT-02)", Cell("no survey recorded", .dim))] }
        var facts: [(String, Cell)] = [
            ("survey returns (SAT-02)", Cell("\(survey.returned) of \(survey.sent): \(Format.percent(survey.returnPercent)), minimum \(Format.percent(survey.minimumPercent))",
                                             Format.tone(meets: survey.returnPercent >= survey.minimumPercent))),
            ("penalty", Cell(survey.penaltyPoints == 0 ? "none" : Format.percent(survey.penaltyPoints).dropLast() + " points off")),
        ]
        if let percent = rate.percent { facts.append(("satisfaction after penalty", Cell(Format.percent(survey.adjusted(percent))))) }
        return facts
    }

    static func pareto(_ table: ParetoTable, causeHeader: String) -> TextTable {
        TextTable(headers: [causeHeader, "COUNT", "SHARE", "CUMULATIVE", "MAIN"], rows: table.items.map { item in
            [Cell(item.cause), Cell("\(item.count)"), Cell(Format.percent(item.sharePercent)), Cell(Format.percent(item.cumulativePercent)),
             item.main ? Cell("yes", .warning) : Cell("")]
        }, numeric: [1, 2, 3])
    }
}
