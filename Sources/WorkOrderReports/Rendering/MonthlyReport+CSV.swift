/// The report's numbers as CSV, one figure a line (`section,item,value`), for a
/// spreadsheet.
extension MonthlyReport {
    public func csv() -> String {
        var rows: [[Cell]] = []
        func add(_ section: String, _ item: String, _ value: String) { rows.append([Cell(section), Cell(item), Cell(value)]) }
        func rate(_ section: String, _ r: CallbackRate, _ s: SatisfactionRate) {
            add(section, "callback_due", "\(r.due)")
            add(section, "callback_reached", "\(r.reached)")
            add(section, "callback_rate_percent", number(r.percent))
            add(section, "callback_not_sampled", "\(r.notSampled)")
            add(section, "satisfied", "\(s.satisfied)")
            add(section, "dissatisfied", "\(s.dissatisfied)")
            add(section, "abstentions", "\(s.abstentions)")
            add(section, "satisfaction_percent", number(s.percent))
        }
        add("report", "site", site)
        add("report", "month", month)
        add("report", "due", "\(dueDate)")
        add("complaints", "received", "\(complaints.received)")
        add("complaints", "collective", "\(complaints.collective)")
        for count in complaints.byValidity { add("complaints", "validity_\(count.name)", "\(count.count)") }
        for count in complaints.bySeverity { add("complaints", "severity_\(count.name)", "\(count.count)") }
        add("complaints", "closed", "\(complaints.closed)")
        add("complaints", "open", "\(complaints.open)")
        add("complaints", "escalated", "\(complaints.escalated)")
        for line in complaints.serviceLevels {
            add("complaints", "deadline_\(line.purpose.rawValue)_met", "\(line.met)")
            add("complaints", "deadline_\(line.purpose.rawValue)_breached", "\(line.breached)")
        }
        for item in complaints.subjects.items { add("complaints", "subject_\(item.cause)", "\(item.count)") }
        rate("complaints", complaints.callbackRate, complaints.satisfaction)
        for line in services.byKind {
            add("services", "\(line.kind.rawValue)_opened", "\(line.opened)")
            add("services", "\(line.kind.rawValue)_finished", "\(line.finished)")
        }
        rate("services", services.callbackRate, services.satisfaction)
        add("services", "recurring_problems", "\(services.recurring.count)")
        add("services", "repeat_reports", "\(services.repeatReports)")
        add("visits", "occupied_households", visits.occupiedHouseholds.map(String.init) ?? "")
        add("visits", "required", visits.required.map(String.init) ?? "")
        add("visits", "recorded", visits.recorded.map(String.init) ?? "")
        return TextTable(headers: ["section", "item", "value"], rows: rows).csv()
    }

    private func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return "\((value * 100).rounded() / 100)"
    }
}
