extension SiteStats {
    /// `wo stats`' text.
    public func document() -> Document {
        Document([
            .heading("Statistics for \(site), \(first) to \(last): \(orders) orders opened"),
            .table(TextTable(headers: ["KIND", "ORDERS"], rows: byKind.map { [Cell($0.kind.rawValue), Cell("\($0.count)")] }, numeric: [1])),
            .heading("By state"),
            .table(TextTable(headers: ["KIND", "STATE", "ORDERS"], rows: byState.map {
                [Cell($0.kind.rawValue), Cell($0.state), Cell("\($0.count)")]
            }, numeric: [2])),
            .heading("Deadlines (SLA compliance: met / (met + breached))"),
            .table(Sections.serviceLevels(serviceLevels)),
            .heading("Call-backs and satisfaction"),
            .facts(Sections.callbackRate(callbackRate) + Sections.satisfaction(satisfaction) + Sections.survey(survey, rate: satisfaction)),
            .heading("Dissatisfaction causes (SAT-03: main causes within \(Format.percent(dissatisfaction.cutoffPercent)) cumulative)"),
            .table(Sections.pareto(dissatisfaction, causeHeader: "CAUSE")),
        ])
    }
}
