import WorkOrderCore

extension OrderRow {
    /// `wo list`'s table.
    public static func table(_ rows: [OrderRow], policy: PolicySet) -> TextTable {
        TextTable(
            headers: ["ID", "KIND", "STATE", "SITE", "HOUSEHOLD", "PHONE", "OPENED", "DEPARTMENT", "NEXT DUE", "LATE", "ESC", "SUBJECT"],
            rows: rows.map { row in
                let calendar = policy.calendar(forSite: row.site)
                let next = row.nextDue.map { due in
                    Cell(Format.local(due, calendar) + " " + (row.nextDuePurpose?.rawValue ?? ""), row.atRisk > 0 ? .warning : .plain)
                } ?? Cell("-")
                let late = row.lateNow > 0 ? Cell(Format.duration(ms: row.lateByMS), .bad) : Cell("-")
                return [
                    Cell(row.id + (row.priority ? " !" : "")), Cell(row.kind.rawValue),
                    Cell(row.state, row.finished ? .dim : .plain), Cell(row.site), Cell(row.household), Cell(row.phone),
                    Cell(Format.local(row.openedAt, calendar)), Cell(row.departments.map(\.rawValue).joined(separator: ",")),
                    next, late, Cell(row.escalationLevel == 0 ? "-" : "\(row.escalationLevel)", row.escalationLevel > 0 ? .warning : .plain),
                    Cell(row.subject),
                ]
            })
    }
}

extension OverdueReport {
    /// `wo overdue`: one table per site and department.
    public func document(policy: PolicySet) -> Document {
        var doc = Document()
        if groups.isEmpty { doc.add(.line("Nothing is late.")) }
        for group in groups {
            let calendar = policy.calendar(forSite: group.site)
            doc.add(.heading("\(group.site) / \(group.department.rawValue): \(group.items.count) late"))
            doc.add(.table(TextTable(
                headers: ["ORDER", "KIND", "STATE", "DEADLINE", "RULES", "DUE", "LATE BY", "ESC"],
                rows: group.items.map { item in
                    [Cell(item.orderID), Cell(item.kind.rawValue), Cell(item.state), Cell(item.purpose.rawValue),
                     Cell(item.rules.joined(separator: ",")), Cell(Format.local(item.due, calendar)),
                     Cell(Format.duration(ms: item.lateByMS), .bad), Cell(item.escalationLevel == 0 ? "-" : "\(item.escalationLevel)")]
                },
                numeric: [6])))
        }
        return doc
    }
}
