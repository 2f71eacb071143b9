import WorkOrderCore

extension PolicyAssembly {
    mutating func readCallbacks() {
        with("callbacks") { r, p in
            r.onlyKeys("", ["schedules", "repair_supervisor_call_within", "complaint_sampling_ratio", "retry_after", "max_attempts",
                            "recall_after_rectification", "rectification_visit_by", "script"])
            var schedules: [CallbackScheduleName: [CallbackRound]] = [:]
            if r.required("schedules", "a mapping of schedule → list of { after, by }") != nil {
                r.onlyKeys("schedules", CallbackScheduleName.allCases.map(\.rawValue))
                for name in CallbackScheduleName.allCases {
                    let path = "schedules.\(name.rawValue)"
                    guard let list = r.required(path, "a list of { after, by }") else { continue }
                    guard let items = list.sequence else { r.problem(path, "expected a list of { after, by }"); continue }
                    var rounds: [CallbackRound] = []
                    for index in 0..<items.count {
                        r.onlyKeys("\(path).\(index)", ["after", "by"])
                        if let after = r.duration("\(path).\(index).after"), let by = r.role("\(path).\(index).by") {
                            rounds.append(CallbackRound(after: after, by: by))
                        }
                    }
                    schedules[name] = rounds
                }
            }
            p.callbacks.schedules = schedules
            set(&p.callbacks.repairSupervisorCallWithin, r.duration("repair_supervisor_call_within"))
            if let ratio = r.double("complaint_sampling_ratio") {
                if ratio < 0 || ratio > 1 { r.problem("complaint_sampling_ratio", "expected a share between 0 and 1, got \(ratio)") }
                p.callbacks.complaintSamplingRatio = ratio
            }
            set(&p.callbacks.retryAfter, r.duration("retry_after"))
            if let attempts = r.int("max_attempts") {
                if attempts < 1 { r.problem("max_attempts", "expected at least 1") }
                p.callbacks.maxAttempts = attempts
            }
            set(&p.callbacks.recallAfterRectification, r.duration("recall_after_rectification"))
            set(&p.callbacks.rectificationVisitBy, r.role("rectification_visit_by"))
            if let script = Self.readCallbackScript(&r) { p.callbacks.script = script }
        }
    }

    /// CB-04: every step of the script once, in the rule's order; absent means the built-in wording.
    private static func readCallbackScript(_ r: inout PolicyFileReader) -> [CallbackScriptLine]? {
        guard let node = r.node("script") else { return nil }
        let expected = CallbackScriptStep.allCases.map(\.rawValue).joined(separator: ", ")
        guard let items = node.sequence else {
            r.problem("script", "expected a list of { step, say } with the steps \(expected)")
            return nil
        }
        var lines: [CallbackScriptLine] = []
        for index in 0..<items.count {
            r.onlyKeys("script.\(index)", ["step", "say"])
            if let step = r.choice("script.\(index).step", CallbackScriptStep.self, what: "script step"),
               let say = r.string("script.\(index).say") {
                lines.append(CallbackScriptLine(step: step, say: say))
            }
        }
        guard lines.map(\.step) == CallbackScriptStep.allCases else {
            r.problem("script", "expected the steps \(expected), each once and in that order (CB-04)")
            return nil
        }
        return lines
    }

    mutating func readRouting() {
        with("routing") { r, p in
            r.onlyKeys("", ["complaint_subjects", "paid_services", "repairs"])
            for (key, keyPath) in [("complaint_subjects", \RoutingPolicy.complaintSubjects), ("paid_services", \RoutingPolicy.paidServices)] {
                var map: [String: Department] = [:]
                if r.required(key, "a mapping of name → department") != nil {
                    for name in r.keys(key) { set(&map[name], r.department("\(key).\(name)")) }
                }
                p.routing[keyPath: keyPath] = map
            }
            set(&p.routing.repairs, r.department("repairs"))
        }
    }

    mutating func readEscalation() {
        with("escalation") { r, p in
            r.onlyKeys("", ["complaint", "repair", "duties", "climb_after"])
            if let chain = r.roles("complaint") {
                if chain.isEmpty { r.problem("complaint", "expected at least one role") }
                p.escalation.complaintChain = chain
            }
            // Optional keys (versions recorded before they existed read the defaults).
            if r.node("repair") != nil, let chain = r.roles("repair") {
                if chain.isEmpty { r.problem("repair", "expected at least one role") }
                p.escalation.repairChain = chain
            }
            if r.node("duties") != nil {
                var duties: [TimerPurpose: Role] = [:]
                for key in r.keys("duties") {
                    guard let purpose = r.parse(key, TimerPurpose.self, what: "deadline", path: "duties.\(key)"),
                          let role = r.role("duties.\(key)") else { continue }
                    duties[purpose] = role
                }
                p.escalation.duties = duties
            }
            if r.node("climb_after") != nil, let text = r.string("climb_after") {
                p.escalation.climbAfter = text == "never" ? nil : r.duration("climb_after")
            }
        }
    }

    mutating func readSatisfaction() {
        with("satisfaction") { r, p in
            r.onlyKeys("", ["levels", "satisfied", "monthly_target_percent", "minimum_return_percent", "penalty_per_missing_point",
                            "pareto_cutoff_percent", "visit_quotas", "visit_summary_due_day"])
            var s = p.satisfaction
            set(&s.levels, r.strings("levels"))
            if let satisfied = r.strings("satisfied") {
                for (index, level) in satisfied.enumerated() where !s.levels.contains(level) {
                    r.problem("satisfied.\(index)", "unknown level '\(level)'; expected one of " + s.levels.joined(separator: ", "))
                }
                s.satisfied = satisfied
            }
            set(&s.monthlyTargetPercent, r.double("monthly_target_percent"))
            set(&s.minimumReturnPercent, r.double("minimum_return_percent"))
            set(&s.penaltyPerMissingPoint, r.double("penalty_per_missing_point"))
            set(&s.paretoCutoffPercent, r.double("pareto_cutoff_percent"))
            p.satisfaction = s
            if let list = r.required("visit_quotas", "a list of { up_to, percent }")?.sequence {
                var bands: [VisitQuotaBand] = []
                for index in 0..<list.count {
                    let path = "visit_quotas.\(index)"
                    r.onlyKeys(path, ["up_to", "percent"])
                    let upTo = r.exists("\(path).up_to") ? r.int("\(path).up_to") : nil
                    if let percent = r.int("\(path).percent") { bands.append(VisitQuotaBand(upTo: upTo, percent: percent)) }
                }
                p.visitQuotas.bands = bands
            }
            set(&p.visitQuotas.summaryDueDay, r.int("visit_summary_due_day"))
        }
    }

    /// Names one file uses that another must define.
    mutating func checkAcrossFiles() {
        // Names as written, so a subject whose value is wrong is reported once, where it is wrong.
        guard let complaint = readers["complaint"], complaint.isReadable, let routing = readers["routing"], routing.isReadable else { return }
        let subjects = Set(complaint.keys("subjects"))
        let routed = Set(routing.keys("complaint_subjects"))
        for subject in subjects.subtracting(routed).sorted() {
            crossFileProblems.append(PolicyProblem(
                file: readers["routing"]?.file ?? "routing.yaml", key: "complaint_subjects",
                message: "has no department for complaint subject '\(subject)' (defined in complaint.yaml)"))
        }
        for subject in routed.subtracting(subjects).sorted() {
            crossFileProblems.append(PolicyProblem(
                file: readers["complaint"]?.file ?? "complaint.yaml", key: "subjects",
                message: "has no response deadline for subject '\(subject)' (routed in routing.yaml)"))
        }
        for department in policy.paidService.pricedOnSiteBy.keys.sorted(by: { $0.rawValue < $1.rawValue })
        where !policy.routing.paidServices.values.contains(department) {
            crossFileProblems.append(PolicyProblem(
                file: readers["paid_service"]?.file ?? "paid_service.yaml", key: "priced_on_site_by.\(department.rawValue)",
                message: "no paid service in routing.yaml goes to \(department.rawValue)"))
        }
    }
}
