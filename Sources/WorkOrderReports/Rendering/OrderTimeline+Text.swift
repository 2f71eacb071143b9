import WorkOrderCore

extension OrderTimeline {
    /// `wo show`'s text.
    public func document(policy: PolicySet, at now: Instant) -> Document {
        let calendar = policy.calendar(forSite: order.site)
        func local(_ instant: Instant?) -> String { Format.local(instant, calendar) }
        var doc = Document([
            .heading("\(order.id)  \(order.kind.rawValue)  \(order.state)" + (order.finished ? " (finished)" : "")),
            .facts([
                ("site", Cell(order.site)), ("household", Cell(order.household)),
                ("owner", Cell("\(order.owner), \(order.phone)")), ("channel", Cell(channel)),
                ("subject", Cell(order.subject)), ("owner said", Cell(content.isEmpty ? "-" : content.split(whereSeparator: \.isNewline).joined(separator: " / "))),
                ("opened", Cell(local(order.openedAt))),
                ("departments", Cell(order.departments.map(\.rawValue).joined(separator: ", "))),
                ("policy", Cell(policyVersion)),
                ("priority", Cell(order.priority ? "yes (repeated report)" : "no")),
                ("collective", Cell(collective ?? "no", collective == nil ? .plain : .warning)),
                ("escalation", Cell(order.escalationLevel == 0 ? "none" : "level \(order.escalationLevel)", order.escalationLevel > 0 ? .warning : .plain)),
            ]),
            .heading("Timeline"),
            .table(TextTable(headers: ["WHEN", "EVENT", "BY", "STATE", "DETAIL", "MESSAGE"], rows: events.map { e in
                [Cell(local(e.at)), Cell(e.event, e.event.hasPrefix("rejected:") ? .bad : .plain), Cell(e.actor), Cell(e.state),
                 Cell(e.detail), Cell(e.messageID ?? "-", .dim)]
            })),
            .heading("Deadlines"),
            .table(TextTable(headers: ["DEADLINE", "RULES", "SET", "DUE", "STATUS", "CLOSED", "LATE BY"], rows: deadlines.map { d in
                let late = d.lateness(at: now).wholeMilliseconds
                return [Cell(d.purpose.rawValue + (d.moves > 0 ? " (moved \(d.moves)×)" : "")), Cell(d.rules.joined(separator: ",")),
                        Cell(local(d.setAt)), Cell(local(d.due) + (d.answerBy.map { " (answer by \(local($0)))" } ?? "")),
                        d.lateNow ? Cell("late now", .bad) : Format.outcome(d.outcome), Cell(local(d.closedAt)),
                        Cell(late > 0 ? Format.duration(ms: late) : "-", late > 0 ? .bad : .plain)]
            })),
            .heading("Escalations"),
            .table(TextTable(headers: ["WHEN", "LEVEL", "TO", "REASON"], rows: escalations.map { f in
                [Cell(local(f.at)), Cell(f.level.map(String.init) ?? "-"), Cell(f.role), Cell(f.reason)]
            })),
            .heading("Call-backs"),
            .table(TextTable(headers: ["ROUND", "DUE", "BY", "NOT REACHED", "ANSWERED", "FORM", "CALLER", "SATISFACTION"],
                             rows: callbacks.calls.map { c in
                let said = c.answer.map { $0.satisfaction ?? "(no answer on the scale)" } ?? "-"
                return [Cell("\(c.round)"), Cell(local(c.due)), Cell(c.by ?? "-"), Cell("\(c.notReached)"),
                        Cell(local(c.answer?.at)), Cell(c.answer?.form ?? "-"), Cell(c.answer?.by ?? "-"),
                        Cell(said, c.answer?.satisfaction.map { policy.satisfaction.isSatisfied($0) ? .good : .bad } ?? .plain)]
            })),
            .heading("Linked orders"),
            .table(TextTable(headers: ["RELATION", "ORDER", "DIRECTION"], rows: links.map {
                [Cell($0.relation), Cell($0.order), Cell($0.direction == "to" ? "this order → it" : "it → this order")]
            })),
        ])
        if !dispatches.isEmpty {
            doc.add(.heading("Dispatched"))
            doc.add(.table(TextTable(headers: ["WHEN", "DEPARTMENT", "TASK"], rows: dispatches.map {
                [Cell(local($0.at)), Cell($0.department.rawValue), Cell($0.summary)]
            })))
        }
        return doc
    }
}
