import Testing
import WorkOrderCore

@Suite("Complaints")
struct ComplaintTests {
    let policy = PolicySet(version: "test")

    /// Opens an "other" complaint and classifies it valid/minor 10 minutes later.
    func validMinor(fields: [String: JSONValue] = [:], subject: String = "other", channel: Channel = .phone) throws -> Scenario {
        var (s, _) = try Scenario.open(intake(.complaint, subject: subject, channel: channel, fields: fields))
        _ = try s.send("classified", by: supervisor, after: minutes(10), ["class": "valid", "severity": "minor"])
        return s
    }

    @Test func CMP_09_openingDispatchesAndArmsTheSubjectResponseDeadline() throws {
        let (s, actions) = try Scenario.open(intake(.complaint, subject: "in_home_urgent"))
        #expect(actions == [
            receivedRecord("in_home_urgent"),
            .dispatch(to: .engineering, task: DispatchTask(summary: "respond to complaint: in_home_urgent", dueBy: t0 + minutes(10))),
            .armTimer(timer(.response), due: t0 + minutes(10)),
            .notify(role: .cs_supervisor, reason: "classify complaint (valid / assisted / invalid)"),
        ])
        #expect(s.order.stateName == "received")
        #expect(s.order.policyVersion == "test")
    }

    @Test(arguments: [
        ("staff_attitude", PolicyDuration.workingHours(4)), ("staff_attitude_serious", .elapsed(.seconds(2 * 86_400))),
        ("in_home_simple_repair", .workingHours(4)), ("in_home_other_repair", .workingDays(7)),
        ("public_hazard", .elapsed(.seconds(600))), ("public_repair", .workingDays(3)),
        ("neighbour_behaviour", .elapsed(.seconds(900))), ("other", .elapsed(.seconds(8 * 3600))),
    ])
    func CMP_09_responseDeadlineBySubject(subject: String, span: PolicyDuration) throws {
        let (s, actions) = try Scenario.open(intake(.complaint, subject: subject))
        #expect(actions.contains(.armTimer(timer(.response), due: s.due(span))))
    }

    @Test func CMP_09_neighbourBehaviourSendsTheAssistantWithin15Minutes() throws {
        let (_, actions) = try Scenario.open(intake(.complaint, subject: "neighbour_behaviour"))
        #expect(actions.contains(.notify(role: .butler, reason: "go to the household by \(local(t0 + minutes(15)))")))
    }

    @Test func CMP_09_respondedCancelsTheResponseDeadline_unknownSubjectRejected() throws {
        var (s, _) = try Scenario.open(intake(.complaint, subject: "public_hazard"))
        #expect(try s.send("responded", by: technician, after: minutes(8)) == [
            .cancelTimer(timer(.response)), .record("responded on site by chen.tech"),
        ])
        let rejected = WorkflowEngine(policy: policy).open(intake(.complaint, subject: "noise"), id: "WO-2", at: t0)
        #expect(throws: Rejection.self) { try rejected.get() }
    }

    @Test func CMP_01_classificationIsTheSupervisorsAndRecordsWhoAndWhen() throws {
        var (s, _) = try Scenario.open(intake(.complaint))
        let byStaff = s.rejection("classified", by: staff, ["class": "valid", "severity": "minor"])
        #expect(byStaff?.code == .not_permitted)
        #expect(byStaff?.rule == "CMP-01")
        let actions = try s.send("classified", by: supervisor, after: minutes(10), ["class": "invalid"])
        #expect(actions == [
            .record("classified invalid by li.cs at \(local(t0 + minutes(10)))"),
            .cancelTimer(timer(.response)),
            .armTimer(timer(.reply), due: t0 + minutes(10) + hours(2)),
        ])
        guard case .complaint(let state) = s.order.state else { Issue.record("not a complaint"); return }
        #expect(state.file.classification?.decided == Decision(by: supervisor, at: t0 + minutes(10)))
        #expect(s.rejection("classified", by: supervisor, ["class": "valid"])?.code == .not_allowed_in_state)
    }

    @Test func CMP_01_classificationValuesAreChecked() throws {
        let (s, _) = try Scenario.open(intake(.complaint))
        #expect(s.rejection("classified", by: supervisor, ["class": "maybe"])?.code == .invalid_field)
        #expect(s.rejection("classified", by: supervisor, [:])?.code == .missing_field)
        #expect(s.rejection("classified", by: supervisor, ["class": "valid"])?.rule == "CMP-08")
    }

    @Test func CMP_04_validComplaintContactWithin2h() throws {
        var s = try validMinor()
        let classifiedAt = t0 + minutes(10)
        #expect(s.allActions.suffix(3) == [
            .record("classified valid/minor by li.cs at \(local(classifiedAt))"),
            .armTimer(timer(.contact_owner), due: classifiedAt + hours(2)),
            .armTimer(timer(.handling), due: classifiedAt + days(2)),
        ])
        let agreed = classifiedAt + days(1)
        #expect(try s.send("contacted", by: supervisor, after: hours(1), ["agreed_reply_at": JSONValue(agreed)]) == [
            .cancelTimer(timer(.contact_owner)),
            .armTimer(timer(.reply), due: agreed),
            .record("owner contacted by li.cs; reply agreed for \(local(agreed))"),
        ])
        #expect(s.order.stateName == "in_hand")
    }

    /// The contact is the CS supervisor's own duty: its miss goes to the rung above, the
    /// site director (CMP-11's second rung), not back to the CS supervisor.
    @Test func CMP_04_missedContactGoesToTheRungAboveTheCSSupervisor() throws {
        var s = try validMinor()
        let missed = t0 + minutes(10) + hours(2)
        #expect(try s.fire(.contact_owner, at: missed) == [
            .escalate(to: .site_director, level: 2, reason: "contact_owner deadline passed"),
            .armTimer(timer(.escalation), due: missed + hours(2)),
            .record("work transfer slip: passed to site_director (contact_owner deadline passed)"),
        ])
        // The deadline has fired; firing it again is stale.
        #expect(throws: Rejection.self) { try s.engine.timerFired(timer(.contact_owner), on: s.order, at: s.now).get() }
    }

    /// CMP-11: while nobody acts, the complaint climbs a rung every `climb_after` to the
    /// top of the chain, and stops there.
    @Test func CMP_11_anUnattendedComplaintKeepsClimbingToTheTop() throws {
        var s = try validMinor()
        var at = t0 + minutes(10) + hours(2)
        _ = try s.fire(.contact_owner, at: at)
        for (level, role) in [(3, Role.complaint_centre), (4, .deputy_gm)] {
            at = at + hours(2)
            let actions = try s.fire(.escalation, at: at)
            #expect(actions.first == .escalate(to: role, level: level, reason: "still unattended after escalation to level \(level - 1)"))
            #expect(actions.contains(.armTimer(timer(.escalation), due: at + hours(2))))
        }
        at = at + hours(2)
        let top = try s.fire(.escalation, at: at)
        #expect(top.first == .escalate(to: .gm, level: 5, reason: "still unattended after escalation to level 4"))
        #expect(!top.contains { if case .armTimer = $0 { return true } else { return false } }, "no rung above the GM")
    }

    /// CMP-11: someone acting on the order stops the climb.
    @Test func CMP_11_actingOnTheComplaintStopsTheClimb() throws {
        var s = try validMinor()
        _ = try s.fire(.contact_owner, at: t0 + minutes(10) + hours(2))
        let actions = try s.send("contacted", by: supervisor, after: minutes(5), ["agreed_reply_at": .number(Double((t0 + days(1)).millisecondsSinceEpoch))])
        #expect(actions.contains(.cancelTimer(timer(.escalation))))
        #expect(throws: Rejection.self) { try s.engine.timerFired(timer(.escalation), on: s.order, at: s.now + hours(2)).get() }
    }

    @Test func CMP_06_invalidComplaintRepliedWithin2h() throws {
        var (s, _) = try Scenario.open(intake(.complaint))
        _ = try s.send("classified", by: supervisor, ["class": "invalid"])
        #expect(try s.fire(.reply, at: t0 + hours(2)) == [.notify(role: .cs_supervisor, reason: "reply to the owner is overdue")])
        let actions = try s.send("replied", by: supervisor, after: minutes(1),
                                 ["form": "phone", "content": "not the management's remit", "callback_sample": 0.9])
        #expect(actions == [
            .replyToOwner(form: .phone, content: "not the management's remit"),
            .fact(.callbackNotSampled(sample: 0.9, ratio: 0.5)),
        ])
        #expect(s.order.stateName == "closed")
        #expect(s.order.isFinished)
    }

    @Test func CMP_07_onTheSpotHandlingRepliedWithin2h() throws {
        var s = try validMinor()
        _ = try s.send("contacted", by: supervisor, ["agreed_reply_at": JSONValue(s.now + hours(3))])
        let actions = try s.send("handled", by: staff, after: minutes(30), ["on_the_spot": true, "summary": "apologised"])
        #expect(actions == [
            .cancelTimer(timer(.response)), .cancelTimer(timer(.handling)),
            .record("handled: apologised"),
            .armTimer(timer(.reply), due: s.now + hours(2)),
        ])
    }

    @Test func CMP_07_homeVisitNeedsSignatureAndWrittenComplaintsAWrittenReply() throws {
        var s = try validMinor(channel: .letter)
        _ = try s.send("contacted", by: supervisor, ["agreed_reply_at": JSONValue(s.now + hours(3))])
        _ = try s.send("handled", by: staff, ["summary": "fixed"])
        #expect(s.rejection("replied", by: supervisor, ["form": "home_visit", "content": "done", "written_copy": true])?.rule == "CMP-07")
        #expect(s.rejection("replied", by: supervisor, ["form": "phone", "content": "done"])?.rule == "CMP-07")
        let actions = try s.send("replied", by: supervisor, ["form": "home_visit", "content": "done", "owner_signed": true,
                                                               "written_copy": true, "callback_sample": 0.7])
        #expect(actions.first == .cancelTimer(timer(.reply)))
        #expect(actions.contains(.replyToOwner(form: .home_visit, content: "done")))
    }

    @Test func CMP_07_replyDueSameDayWithoutAgreedTime() throws {
        var (s, _) = try Scenario.open(intake(.complaint))
        _ = try s.send("classified", by: supervisor, ["class": "assisted", "solving_party": "developer"])
        _ = try s.send("reported_in_writing", by: supervisor, ["reference": "letter 12"])
        let actions = try s.send("handled", by: staff, after: hours(1), ["summary": "developer fixed the gate"])
        #expect(actions == [
            .cancelTimer(timer(.response)),
            .record("handled: developer fixed the gate"),
            .armTimer(timer(.reply), due: s.due(.sameDay)),
        ])
    }
}
