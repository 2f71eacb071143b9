import WorkOrderCore

extension OrderTimeline {
    /// `wo show`'s text.
    public func document(policy: PolicySet, at now: Instant, locale: StaffLocale = .english) -> Document {
        let w = ReportWords(locale)
        let labels = locale.labels
        let calendar = policy.calendar(forSite: order.site)
        func local(_ instant: Instant?) -> String { Format.local(instant, calendar) }
        var doc = Document([
            .heading("\(order.id)  \(labels.kind(order.kind))  \(labels.state(order.state))" + (order.finished ? w.finishedMark : "")),
            .facts([
                (w.factSite, Cell(order.site)), (w.factHousehold, Cell(order.household)),
                (w.factOwner, Cell("\(order.owner), \(order.phone)")), (w.factChannel, Cell(channel)),
                (w.factSubject, Cell(order.subject)),
                (w.factOwnerSaid, Cell(content.isEmpty ? "-" : content.split(whereSeparator: \.isNewline).joined(separator: " / "))),
                (w.factOpened, Cell(local(order.openedAt))),
                (w.factDepartments, Cell(w.departments(order.departments, separator: ", "))),
                (w.factPolicy, Cell(policyVersion)),
                (w.factPriority, Cell(order.priority ? w.priorityYes : w.no)),
                (w.factCollective, Cell(collective ?? w.no, collective == nil ? .plain : .warning)),
                (w.factEscalation, Cell(order.escalationLevel == 0 ? w.noneValue : w.escalationLevel(order.escalationLevel),
                                        order.escalationLevel > 0 ? .warning : .plain)),
            ]),
            .heading(w.headingTimeline),
            .table(TextTable(headers: [w.when, w.event, w.by, w.state, w.detail, w.message], rows: events.indices.map { index in
                let e = events[index]
                let detail = locale.language == .en ? e.detail
                    : Self.localDetail(e, previousState: index > 0 ? events[index - 1].state : nil, labels: labels, local: { local($0) })
                return [Cell(local(e.at)), Cell(labels.event(e.event), e.event.hasPrefix("rejected:") ? .bad : .plain), Cell(Self.actor(e.actor, labels)),
                        Cell(labels.state(e.state)), Cell(detail), Cell(e.messageID ?? "-", .dim)]
            })),
            .heading(w.headingDeadlines),
            .table(TextTable(headers: [w.deadline, w.rules, w.set, w.due, w.status, w.closed, w.lateBy], rows: deadlines.map { d in
                let late = d.lateness(at: now).wholeMilliseconds
                return [Cell(labels.deadline(d.purpose) + (d.moves > 0 ? w.moved(d.moves) : "")), Cell(d.rules.joined(separator: ",")),
                        Cell(local(d.setAt)), Cell(local(d.due) + (d.answerBy.map { w.answerBy(local($0)) } ?? "")),
                        d.lateNow ? Cell(w.lateNow, .bad) : w.outcomeCell(d.outcome), Cell(local(d.closedAt)),
                        Cell(late > 0 ? w.duration(ms: late) : "-", late > 0 ? .bad : .plain)]
            })),
            .heading(w.headingEscalations),
            .table(TextTable(headers: [w.when, w.level, w.to, w.reason], rows: escalations.map { f in
                [Cell(local(f.at)), Cell(f.level.map(String.init) ?? "-"), Cell(labels.role(named: f.role)), Cell(f.reason)]
            })),
            .heading(w.headingCallbacks),
            .table(TextTable(headers: [w.round, w.due, w.by, w.notReached, w.answered, w.form, w.caller, w.satisfaction],
                             rows: callbacks.calls.map { c in
                let said = c.answer.map { $0.satisfaction ?? w.noAnswerOnScale } ?? "-"
                return [Cell("\(c.round)"), Cell(local(c.due)), Cell(c.by.map(labels.role(named:)) ?? "-"), Cell("\(c.notReached)"),
                        Cell(local(c.answer?.at)), Cell(c.answer?.form ?? "-"), Cell(c.answer?.by ?? "-"),
                        Cell(said, c.answer?.satisfaction.map { policy.satisfaction.isSatisfied($0) ? .good : .bad } ?? .plain)]
            })),
            .heading(w.headingLinks),
            .table(TextTable(headers: [w.relation, w.order, w.direction], rows: links.map {
                [Cell($0.relation), Cell($0.order), Cell($0.direction == "to" ? w.thisToIt : w.itToThis)]
            })),
        ], locale: locale)
        if !dispatches.isEmpty {
            doc.add(.heading(w.headingDispatched))
            doc.add(.table(TextTable(headers: [w.when, w.department, w.task], rows: dispatches.map {
                [Cell(local($0.at)), Cell(labels.department($0.department)), Cell($0.summary)]
            })))
        }
        return doc
    }

    /// A row's detail in the staff's language where the row says it as data: a fact
    /// (deadlines, call-backs) or a plain state change (`event by who: from → to`).
    /// Free text the engine or a person wrote stays as written.
    static func localDetail(_ e: Event, previousState: String?, labels: StaffLabels, local: (Instant) -> String) -> String {
        if let fact = e.fact {
            func at(_ ms: Int64) -> String { local(Instant(millisecondsSinceEpoch: ms)) }
            switch fact {
            case .deadlineSet(let purpose, let dueMs): return "\(labels.deadline(purpose))：\(at(dueMs)) 到期"
            case .deadlineCleared(let purpose): return labels.deadline(purpose)
            case .callbackScheduled(let round, let dueMs, let role): return "第 \(round) 轮：\(at(dueMs)) 由\(labels.role(role))回访"
            case .callbackAnswered(let round, let form, let by, let satisfaction, let signed):
                return "第 \(round) 轮回访（\(form.rawValue)，\(by)）：\(satisfaction)" + (signed ? "，业主已签字" : "")
            case .callbackNotSampled(let sample, let ratio): return "未抽中回访（抽样值 \(sample)，抽样比例 \(ratio)）"
            }
        }
        let from = previousState ?? "[new]"
        if e.detail.hasSuffix(": \(from) → \(e.state)") {
            return previousState.map { "\(labels.state($0)) → \(labels.state(e.state))" } ?? "→ \(labels.state(e.state))"
        }
        return e.detail
    }

    /// `t1 (technician)` with the role's label, `system` as the system's; other text as it is.
    static func actor(_ text: String, _ labels: StaffLabels) -> String {
        if let role = Role(rawValue: text) { return labels.role(role) }
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "("),
              let role = Role(rawValue: String(text[text.index(after: open)..<text.index(before: text.endIndex)])) else { return text }
        let label = labels.role(role)
        guard label != role.rawValue else { return text }
        return String(text[..<open]).trimmingTrailingSpaces() + "（\(label)）"
    }
}
