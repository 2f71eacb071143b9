import WorkOrderCore

extension MonthlyReport {
    /// The report as text or Markdown (the same blocks).
    public func document(policy: PolicySet, locale: StaffLocale = .english) -> Document {
        let w = ReportWords(locale)
        let labels = locale.labels
        let calendar = policy.calendar(forSite: site)
        let c = complaints, s = services
        return Document([
            .heading(w.monthlyTitle(site: site, month: month)),
            .facts([(w.factDue, Cell("\(dueDate) (RPT-01, RPT-02)")), (w.factGenerated, Cell(Format.local(at, calendar)))]),
            .heading(w.headingComplaints),
            .facts([
                (w.received, Cell("\(c.received)")), (w.collective, Cell("\(c.collective)")),
                (w.byValidity, Cell(c.byValidity.map { "\($0.name) \($0.count)" }.joined(separator: ", "))),
                (w.bySeverity, Cell(c.bySeverity.map { "\($0.name) \($0.count)" }.joined(separator: ", "))),
                (w.closedOpen, Cell("\(c.closed) / \(c.open)")), (w.escalated, Cell("\(c.escalated)")),
            ] + Sections.callbackRate(c.callbackRate, w) + Sections.satisfaction(c.satisfaction, w)),
            .table(Sections.serviceLevels(c.serviceLevels, w)),
            .line(w.subjectsLine),
            .table(Sections.pareto(c.subjects, causeHeader: w.subjectHeader, w)),
            .line(w.complaintsLine),
            .table(TextTable(headers: [w.order, w.opened, w.subject, w.validity, w.severity, w.state, w.esc, w.breached],
                             rows: c.complaints.map { line in
                [Cell(line.id), Cell(Format.local(line.openedAt, calendar)), Cell(line.subject), Cell(line.validity),
                 Cell(line.severity), Cell(labels.state(line.state)), Cell(line.escalationLevel == 0 ? "-" : "\(line.escalationLevel)"),
                 Cell("\(line.breached)", line.breached > 0 ? .bad : .plain)]
            }, numeric: [7])),
            .heading(w.headingServices),
            .table(TextTable(headers: [w.kind, w.openedCount, w.finished], rows: s.byKind.map {
                [Cell(labels.kind($0.kind)), Cell("\($0.opened)"), Cell("\($0.finished)")]
            }, numeric: [1, 2])),
            .facts(Sections.callbackRate(s.callbackRate, w) + Sections.satisfaction(s.satisfaction, w)
                   + [(w.repeatedReports, Cell("\(s.repeatReports)"))]),
            .line(w.recurringLine),
            .table(TextTable(headers: [w.household, w.cause, w.orderList], rows: s.recurring.map {
                [Cell($0.household), Cell($0.cause), Cell($0.orders.joined(separator: ", "))]
            })),
            .heading(w.headingVisits),
            .facts(visitFacts(w)),
        ], locale: locale)
    }

    private func visitFacts(_ w: ReportWords) -> [(String, Cell)] {
        let bands = visits.bands.map { band in (band.upTo.map { "≤ \($0)" } ?? w.more) + ": \(band.percent)%" }.joined(separator: ", ")
        var facts: [(String, Cell)] = [(w.quotaBands, Cell(bands))]
        if let occupied = visits.occupiedHouseholds, let percent = visits.percent, let required = visits.required {
            facts.append((w.occupied, Cell("\(occupied)")))
            facts.append((w.visitsRequired, Cell(w.visitsRequiredValue(required, percent: percent))))
        } else {
            facts.append((w.visitsRequired, Cell(w.giveOccupied, .dim)))
        }
        facts.append((w.visitsRecorded, Cell(visits.recorded.map(String.init) ?? w.noCampaignRecords, visits.met == false ? .bad : .plain)))
        facts.append((w.summaryDue, Cell("\(dueDate)")))
        return facts
    }
}
