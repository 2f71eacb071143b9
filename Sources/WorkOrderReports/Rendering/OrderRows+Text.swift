import WorkOrderCore

extension OrderRow {
    /// `wo list`'s table.
    public static func table(_ rows: [OrderRow], policy: PolicySet, locale: StaffLocale = .english) -> TextTable {
        let w = ReportWords(locale)
        return TextTable(
            headers: [w.id, w.kind, w.state, w.site, w.household, w.phone, w.opened, w.department, w.nextDue, w.late, w.esc, w.subject],
            rows: rows.map { row in
                let calendar = policy.calendar(forSite: row.site)
                let next = row.nextDue.map { due in
                    Cell(Format.local(due, calendar) + " " + (row.nextDuePurpose.map(w.labels.deadline) ?? ""), row.atRisk > 0 ? .warning : .plain)
                } ?? Cell("-")
                let late = row.lateNow > 0 ? Cell(w.duration(ms: row.lateByMS), .bad) : Cell("-")
                return [
                    Cell(row.id + (row.priority ? " !" : "")), Cell(w.labels.kind(row.kind)),
                    Cell(w.labels.state(row.state), row.finished ? .dim : .plain), Cell(row.site), Cell(row.household), Cell(row.phone),
                    Cell(Format.local(row.openedAt, calendar)), Cell(w.departments(row.departments, separator: ",")),
                    next, late, Cell(row.escalationLevel == 0 ? "-" : "\(row.escalationLevel)", row.escalationLevel > 0 ? .warning : .plain),
                    Cell(row.subject),
                ]
            })
    }

    /// What `wo list` prints when nothing matches.
    public static func noneMatch(locale: StaffLocale = .english) -> String { ReportWords(locale).noOrdersMatch }
}

extension OverdueReport {
    /// `wo overdue`: one table per site and department.
    public func document(policy: PolicySet, locale: StaffLocale = .english) -> Document {
        let w = ReportWords(locale)
        var doc = Document(locale: locale)
        if groups.isEmpty { doc.add(.line(w.nothingLate)) }
        for group in groups {
            let calendar = policy.calendar(forSite: group.site)
            doc.add(.heading(w.lateGroup(site: group.site, department: w.labels.department(group.department), count: group.items.count)))
            doc.add(.table(TextTable(
                headers: [w.order, w.kind, w.state, w.deadline, w.rules, w.due, w.lateBy, w.esc],
                rows: group.items.map { item in
                    [Cell(item.orderID), Cell(w.labels.kind(item.kind)), Cell(w.labels.state(item.state)), Cell(w.labels.deadline(item.purpose)),
                     Cell(item.rules.joined(separator: ",")), Cell(Format.local(item.due, calendar)),
                     Cell(w.duration(ms: item.lateByMS), .bad), Cell(item.escalationLevel == 0 ? "-" : "\(item.escalationLevel)")]
                },
                numeric: [6])))
        }
        return doc
    }
}
