import WorkOrderCore

extension MonthlyReport {
    /// The report as text or Markdown (the same blocks).
    public func document(policy: PolicySet) -> Document {
        let calendar = policy.calendar(forSite: site)
        let c = complaints, s = services
        return Document([
            .heading("Monthly report, \(site), \(month)"),
            .facts([("due", Cell("\(dueDate) (RPT-01, RPT-02)")), ("generated", Cell(Format.local(at, calendar)))]),
            .heading("Complaints (RPT-01)"),
            .facts([
                ("received", Cell("\(c.received)")), ("collective", Cell("\(c.collective)")),
                ("by validity", Cell(c.byValidity.map { "\($0.name) \($0.count)" }.joined(separator: ", "))),
                ("by severity", Cell(c.bySeverity.map { "\($0.name) \($0.count)" }.joined(separator: ", "))),
                ("closed / open", Cell("\(c.closed) / \(c.open)")), ("escalated", Cell("\(c.escalated)")),
            ] + Sections.callbackRate(c.callbackRate) + Sections.satisfaction(c.satisfaction)),
            .table(Sections.serviceLevels(c.serviceLevels)),
            .line("Subjects, main ones marked:"),
            .table(Sections.pareto(c.subjects, causeHeader: "SUBJECT")),
            .line("Complaints of the month:"),
            .table(TextTable(headers: ["ORDER", "OPENED", "SUBJECT", "VALIDITY", "SEVERITY", "STATE", "ESC", "BREACHED"],
                             rows: c.complaints.map { line in
                [Cell(line.id), Cell(Format.local(line.openedAt, calendar)), Cell(line.subject), Cell(line.validity),
                 Cell(line.severity), Cell(line.state), Cell(line.escalationLevel == 0 ? "-" : "\(line.escalationLevel)"),
                 Cell("\(line.breached)", line.breached > 0 ? .bad : .plain)]
            }, numeric: [7])),
            .heading("Repairs and services (RPT-03)"),
            .table(TextTable(headers: ["KIND", "OPENED", "FINISHED"], rows: s.byKind.map {
                [Cell($0.kind.rawValue), Cell("\($0.opened)"), Cell("\($0.finished)")]
            }, numeric: [1, 2])),
            .facts(Sections.callbackRate(s.callbackRate) + Sections.satisfaction(s.satisfaction)
                   + [("repeated reports (IN-04)", Cell("\(s.repeatReports)"))]),
            .line("Recurring problems (same cause, same household, more than once):"),
            .table(TextTable(headers: ["HOUSEHOLD", "CAUSE", "ORDERS"], rows: s.recurring.map {
                [Cell($0.household), Cell($0.cause), Cell($0.orders.joined(separator: ", "))]
            })),
            .heading("Household visits (RPT-02)"),
            .facts(visitFacts),
        ])
    }

    private var visitFacts: [(String, Cell)] {
        let bands = visits.bands.map { band in (band.upTo.map { "≤ \($0)" } ?? "more") + ": \(band.percent)%" }.joined(separator: ", ")
        var facts: [(String, Cell)] = [("quota bands", Cell(bands))]
        if let occupied = visits.occupiedHouseholds, let percent = visits.percent, let required = visits.required {
            facts.append(("occupied households", Cell("\(occupied)")))
            facts.append(("visits required", Cell("\(required) (\(percent)%, no household twice, call-backs do not count)")))
        } else {
            facts.append(("visits required", Cell("give --occupied-households to compute the quota", .dim)))
        }
        facts.append(("visits recorded", Cell(visits.recorded.map(String.init) ?? "none: this store keeps no campaign records (wo campaigns)",
                                              visits.met == false ? .bad : .plain)))
        facts.append(("summary due", Cell("\(dueDate)")))
        return facts
    }
}
