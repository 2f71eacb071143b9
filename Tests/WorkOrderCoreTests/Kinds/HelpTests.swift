import Testing
import WorkOrderCore

@Suite("Help requests")
struct HelpTests {
    @Test func HELP_01_medicalAndIncidentAreSpecialTheRestGeneral() throws {
        for (type, special) in [("medical", true), ("incident", true), ("consultation", false), ("other", false)] {
            let (s, actions) = try Scenario.open(intake(.help, subject: "help", fields: ["help_type": .string(type), "floor": "5"]))
            #expect(actions[1] == .record("help request: \(type) (\(special ? "special" : "general"))"))
            guard case .help(let state) = s.order.state else { return }
            #expect(state.file.special == special)
        }
        #expect(throws: Rejection.self) {
            try WorkflowEngine(policy: PolicySet(version: "t")).open(intake(.help, fields: ["help_type": "alien"]), id: "WO-1", at: t0).get()
        }
    }

    @Test func HELP_02_medicalEmergencySendsSecurityAtOnceAndTellsTheDirector() throws {
        #expect(throws: Rejection.self) {
            try WorkflowEngine(policy: PolicySet(version: "t")).open(intake(.help, fields: ["help_type": "medical"]), id: "WO-1", at: t0).get()
        }
        var (s, actions) = try Scenario.open(intake(.help, subject: "fainted", fields: ["help_type": "medical", "floor": "5"]))
        #expect(Array(actions.dropFirst(2)) == [
            .dispatch(to: .security, task: DispatchTask(summary: "medical at 3-2-501, floor 5: go at once and confirm", dueBy: t0 + minutes(5))),
            .notify(role: .control_room, reason: "medical emergency at 3-2-501, floor 5"),
            .notify(role: .cs_supervisor, reason: "medical emergency at 3-2-501, floor 5"),
            .notify(role: .site_director, reason: "medical emergency at 3-2-501, floor 5"),
            .armTimer(timer(.help_response), due: t0 + minutes(5)),
        ])
        #expect(s.rejection("resolved", by: guardOnDuty, ["form": "phone", "reply": "taken to hospital"])?.rule == "HELP-02")
        #expect(try s.send("staff_arrived", by: guardOnDuty, after: minutes(3)) == [
            .cancelTimer(timer(.help_response)), .record("sun.security at the scene, confirmed"),
        ])
        #expect(try s.send("emergency_step", by: guardOnDuty, ["step": "ambulance_met"]) == [.record("ambulance_met by sun.security")])
        #expect(try s.send("resolved", by: supervisor, after: hours(1), ["form": "phone", "reply": "taken to hospital"]) == [
            .replyToOwner(form: .phone, content: "taken to hospital"),
        ])
        #expect(s.order.stateName == "closed")
    }

    @Test func HELP_03_incidentSendsSecurityAndTellsTheDirector() throws {
        var (s, actions) = try Scenario.open(intake(.help, subject: "theft", fields: ["help_type": "incident"]))
        #expect(Array(actions.dropFirst(2)) == [
            .dispatch(to: .security, task: DispatchTask(summary: "incident at 3-2-501: go at once and confirm", dueBy: t0 + minutes(5))),
            .notify(role: .site_director, reason: "incident emergency at 3-2-501"),
            .armTimer(timer(.help_response), due: t0 + minutes(5)),
        ])
        #expect(try s.fire(.help_response, at: t0 + minutes(5)) == [
            .notify(role: .site_director, reason: "incident help request: no response by the deadline"),
        ])
    }

    @Test(arguments: [("community", PolicyDuration.elapsed(.seconds(1800))), ("fees", .elapsed(.seconds(1800))),
                      ("outside_services", .elapsed(.seconds(1800))), ("other_departments", .workingDays(2)), ("oral", .elapsed(.seconds(7200)))])
    func HELP_04_consultationAnswerDeadlinesByTopic(topic: String, span: PolicyDuration) throws {
        let (s, actions) = try Scenario.open(intake(.help, subject: "question", fields: ["help_type": "consultation", "topic": .string(topic)]))
        #expect(actions.last == .armTimer(timer(.help_response), due: s.due(span)))
    }

    @Test func HELP_04_writtenConsultationAnsweredInWriting() throws {
        var (s, _) = try Scenario.open(intake(.help, subject: "question", channel: .letter, fields: ["help_type": "consultation"]))
        #expect(s.rejection("answered", by: staff, ["form": "phone", "reply": "x"])?.rule == "HELP-04")
        #expect(try s.send("answered", by: staff, ["form": "letter", "reply": "see enclosed"]) == [
            .cancelTimer(timer(.help_response)), .replyToOwner(form: .letter, content: "see enclosed"),
        ])
    }

    @Test(arguments: [("repair", OrderKind.repair), ("complaint", .complaint), ("paid_service", .paid_service)])
    func HELP_05_requestBecomesAWorkOrderOfThatKind(type: String, kind: OrderKind) throws {
        let (s, actions) = try Scenario.open(intake(.help, subject: "help", fields: ["help_type": .string(type)]))
        #expect(Array(actions.suffix(2)) == [
            .openLinkedOrder(kind: kind, reason: "owner's words", link: OrderLink(.opened_from_help, "WO-1")),
            .replyToOwner(form: .on_the_spot, content: "your request is being handled as a \(kind.rawValue) work order"),
        ])
        #expect(s.order.stateName == "converted")
        #expect(s.order.isFinished)
    }
}
