import WorkOrderCore

/// Tables and facts that the statistics and the monthly report share.
enum Sections {
    static func serviceLevels(_ lines: [ServiceLevel], _ w: ReportWords) -> TextTable {
        TextTable(headers: [w.deadline, w.rules, w.met, w.breached, w.running, w.atRisk, w.compliance], rows: lines.map { line in
            [Cell(w.labels.deadline(line.purpose)), Cell(line.rules.joined(separator: ",")), Cell("\(line.met)"),
             Cell("\(line.breached)", line.breached > 0 ? .bad : .plain), Cell("\(line.running)"),
             Cell("\(line.atRisk)", line.atRisk > 0 ? .warning : .plain),
             Cell(Format.percent(line.percent), line.percent.map { $0 < 100 ? .warning : .good } ?? .plain)]
        }, numeric: [2, 3, 4, 5, 6])
    }

    static func callbackRate(_ rate: CallbackRate, _ w: ReportWords) -> [(String, Cell)] {
        [(w.callbackRate, Cell(w.callbackRateValue(Format.percent(rate.percent), due: rate.due), Format.tone(meets: rate.meetsTarget))),
         (w.ownersReached, Cell("\(rate.reached)")),
         (w.callbacksNotYetDue, Cell("\(rate.notYetDue)")),
         (w.notSampled, Cell("\(rate.notSampled)"))]
    }

    static func satisfaction(_ rate: SatisfactionRate, _ w: ReportWords) -> [(String, Cell)] {
        [(w.satisfactionRate, Cell(w.satisfactionValue(Format.percent(rate.percent), target: Format.percent(rate.targetPercent)),
                                   Format.tone(meets: rate.meetsTarget))),
         (w.answers, Cell(rate.byLevel.map { "\($0.level) \($0.count)" }.joined(separator: ", "))),
         (w.satisfiedDissatisfied, Cell("\(rate.satisfied) / \(rate.dissatisfied)")),
         (w.abstentions, Cell("\(rate.abstentions)"))]
    }

    static func survey(_ survey: SurveyReturn?, rate: SatisfactionRate, _ w: ReportWords) -> [(String, Cell)] {
        guard let survey else { return [(w.survey, Cell(w.noSurvey, .dim))] }
        var facts: [(String, Cell)] = [
            (w.surveyReturns, Cell(w.surveyReturnsValue(returned: survey.returned, sent: survey.sent, percent: Format.percent(survey.returnPercent),
                                                        minimum: Format.percent(survey.minimumPercent)),
                                   Format.tone(meets: survey.returnPercent >= survey.minimumPercent))),
            (w.penalty, Cell(survey.penaltyPoints == 0 ? w.noneValue : w.pointsOff(String(Format.percent(survey.penaltyPoints).dropLast())))),
        ]
        if let percent = rate.percent { facts.append((w.afterPenalty, Cell(Format.percent(survey.adjusted(percent))))) }
        return facts
    }

    static func pareto(_ table: ParetoTable, causeHeader: String, _ w: ReportWords) -> TextTable {
        TextTable(headers: [causeHeader, w.count, w.share, w.cumulative, w.main], rows: table.items.map { item in
            [Cell(item.cause), Cell("\(item.count)"), Cell(Format.percent(item.sharePercent)), Cell(Format.percent(item.cumulativePercent)),
             item.main ? Cell(w.yes, .warning) : Cell("")]
        }, numeric: [1, 2, 3])
    }
}
