import WorkOrderCore

extension SiteStats {
    /// `wo stats`' text.
    public func document(locale: StaffLocale = .english) -> Document {
        let w = ReportWords(locale)
        return Document([
            .heading(w.statsTitle(site: site, first: first, last: last, orders: orders)),
            .table(TextTable(headers: [w.kind, w.orders], rows: byKind.map { [Cell(w.labels.kind($0.kind)), Cell("\($0.count)")] }, numeric: [1])),
            .heading(w.headingByState),
            .table(TextTable(headers: [w.kind, w.state, w.orders], rows: byState.map {
                [Cell(w.labels.kind($0.kind)), Cell(w.labels.state($0.state)), Cell("\($0.count)")]
            }, numeric: [2])),
            .heading(w.headingSLA),
            .table(Sections.serviceLevels(serviceLevels, w)),
            .heading(w.headingCallbacksAndSatisfaction),
            .facts(Sections.callbackRate(callbackRate, w) + Sections.satisfaction(satisfaction, w) + Sections.survey(survey, rate: satisfaction, w)),
            .heading(w.headingCauses(Format.percent(dissatisfaction.cutoffPercent))),
            .table(Sections.pareto(dissatisfaction, causeHeader: w.cause, w)),
        ], locale: locale)
    }
}
