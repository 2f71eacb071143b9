import WorkOrderCore

extension PolicyAssembly {
    mutating func readComplaint() {
        with("complaint") { r, p in
            r.onlyKeys("", ["classified_by", "collective", "valid", "invalid", "on_the_spot", "severities", "subjects",
                            "report_back_within", "extensions_granted_by", "notify_on"])
            var c = p.complaint
            set(&c.classifiers, r.roles("classified_by"))
            r.onlyKeys("collective", ["min_households", "window", "scope", "notify", "report_within", "reply_form"])
            if r.node("collective.scope") != nil {
                set(&c.collectiveScope, r.choice("collective.scope", CollectiveScope.self, what: "scope"))
            }
            set(&c.collectiveMinHouseholds, r.int("collective.min_households"))
            set(&c.collectiveWindow, r.duration("collective.window"))
            set(&c.collectiveNotify, r.roles("collective.notify"))
            set(&c.collectiveReportWithin, r.duration("collective.report_within"))
            set(&c.collectiveReplyForm, r.choice("collective.reply_form", ContactForm.self, what: "reply form"))
            r.onlyKeys("valid", ["contact_owner_within", "reply_within"])
            set(&c.contactOwnerWithin, r.duration("valid.contact_owner_within"))
            set(&c.validReplyWithin, r.duration("valid.reply_within"))
            set(&c.invalidReplyWithin, r.duration("invalid.reply_within"))
            set(&c.onSpotReplyWithin, r.duration("on_the_spot.reply_within"))
            var severities: [ComplaintSeverity: SeverityDeadlines] = [:]
            r.onlyKeys("severities", ComplaintSeverity.allCases.map(\.rawValue))
            for severity in ComplaintSeverity.allCases {
                let path = "severities.\(severity.rawValue)"
                r.onlyKeys(path, ["report_to", "report_within", "answer_within", "solve_within"])
                guard let solve = r.duration("\(path).solve_within") else { continue }
                var d = SeverityDeadlines(solveWithin: solve)
                if r.exists("\(path).report_to") { d.reportTo = r.role("\(path).report_to") }
                if r.exists("\(path).report_within") { d.reportWithin = r.duration("\(path).report_within") }
                if r.exists("\(path).answer_within") { d.answerWithin = r.duration("\(path).answer_within") }
                severities[severity] = d
            }
            c.severities = severities
            var subjects: [String: SubjectDeadline] = [:]
            if r.required("subjects", "a mapping of subject → { respond_within }") != nil {
                for subject in r.keys("subjects") {
                    let path = "subjects.\(subject)"
                    r.onlyKeys(path, ["respond_within", "responder"])
                    guard let within = r.duration("\(path).respond_within") else { continue }
                    var deadline = SubjectDeadline(respondWithin: within)
                    if r.exists("\(path).responder") { deadline.responder = r.role("\(path).responder") }
                    subjects[subject] = deadline
                }
            }
            c.subjects = subjects
            set(&c.reportBackWithin, r.duration("report_back_within"))
            set(&c.extensionGrantors, r.roles("extensions_granted_by"))
            p.complaint = c
            p.notifications += Self.notifications(&r, kind: .complaint)
        }
    }

    mutating func readRepair() {
        with("repair") { r, p in
            r.onlyKeys("", ["immediate_on_site_within", "arrival_check_by", "postponement_notify", "fee_fixed_by", "notify_on"])
            set(&p.repair.immediateOnSiteWithin, r.duration("immediate_on_site_within"))
            set(&p.repair.arrivalCheckBy, r.role("arrival_check_by"))
            set(&p.repair.postponementNotify, r.role("postponement_notify"))
            set(&p.repair.feeFixedBy, r.roles("fee_fixed_by"))
            p.notifications += Self.notifications(&r, kind: .repair)
        }
    }

    mutating func readPaidService() {
        with("paid_service") { r, p in
            r.onlyKeys("", ["priced_on_site_by", "notify_on"])
            var pricers: [Department: Role] = [:]
            if r.required("priced_on_site_by", "a mapping of department → role") != nil {
                for key in r.keys("priced_on_site_by") {
                    let path = "priced_on_site_by.\(key)"
                    if let department = r.parse(key, Department.self, what: "department", path: path), let role = r.role(path) {
                        pricers[department] = role
                    }
                }
            }
            p.paidService.pricedOnSiteBy = pricers
            p.notifications += Self.notifications(&r, kind: .paid_service)
        }
    }

    mutating func readHelp() {
        with("help") { r, p in
            r.onlyKeys("", ["medical_notify", "incident_notify", "emergency_confirm_within", "consultation_answer_within", "notify_on"])
            set(&p.help.medicalNotify, r.roles("medical_notify"))
            set(&p.help.incidentNotify, r.roles("incident_notify"))
            set(&p.help.emergencyConfirmWithin, r.duration("emergency_confirm_within"))
            var answers: [String: PolicyDuration] = [:]
            if r.required("consultation_answer_within", "a mapping of topic → duration") != nil {
                for topic in r.keys("consultation_answer_within") {
                    set(&answers[topic], r.duration("consultation_answer_within.\(topic)"))
                }
                for topic in ["oral", "written"] where answers[topic] == nil && !r.exists("consultation_answer_within.\(topic)") {
                    r.problem("consultation_answer_within.\(topic)", "is missing; expected a duration (every consultation is oral or written)")
                }
            }
            p.help.consultationAnswerWithin = answers
            p.notifications += Self.notifications(&r, kind: .help)
        }
    }

    mutating func readRenovation() {
        with("renovation") { r, p in
            r.onlyKeys("", ["owner_documents", "agent_documents", "permit_notify", "notify_on"])
            set(&p.renovation.ownerDocuments, r.strings("owner_documents"))
            set(&p.renovation.agentDocuments, r.strings("agent_documents"))
            set(&p.renovation.permitNotify, r.departments("permit_notify"))
            p.notifications += Self.notifications(&r, kind: .renovation)
        }
    }

    mutating func readMoveIn() {
        with("move_in") { r, p in
            r.onlyKeys("", ["documents", "agreements", "handover_items", "fees", "meters", "archive", "notify_on"])
            for (key, keyPath) in [("documents", \MoveInPolicy.documents), ("archive", \MoveInPolicy.archive)] {
                r.onlyKeys(key, BuyerCase.allCases.map(\.rawValue))
                var byCase: [BuyerCase: [String]] = [:]
                for buyer in BuyerCase.allCases { set(&byCase[buyer], r.strings("\(key).\(buyer.rawValue)")) }
                p.moveIn[keyPath: keyPath] = byCase
            }
            set(&p.moveIn.agreements, r.strings("agreements"))
            set(&p.moveIn.handoverItems, r.strings("handover_items"))
            set(&p.moveIn.fees, r.strings("fees"))
            set(&p.moveIn.meters, r.strings("meters"))
            p.notifications += Self.notifications(&r, kind: .move_in)
        }
    }
}
