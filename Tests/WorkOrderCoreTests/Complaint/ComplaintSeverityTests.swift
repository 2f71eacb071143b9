import Testing
import WorkOrderCore

@Suite("Complaint severity, escalation and extensions")
struct ComplaintSeverityTests {
    func classified(_ fields: [String: JSONValue], intakeFields: [String: JSONValue] = [:]) throws -> (Scenario, [WorkflowAction]) {
        var (s, _) = try Scenario.open(intake(.complaint, fields: intakeFields))
        let actions = try s.send("classified", by: supervisor, fields)
        return (s, actions)
    }

    @Test func CMP_08_majorIsReportedToTheDirectorAnsweredIn2DaysSolvedIn10() throws {
        let (s, actions) = try classified(["class": "valid", "severity": "major"])
        #expect(actions == [
            .record("classified valid/major by li.cs at \(local(t0))"),
            .armTimer(timer(.contact_owner), due: t0 + hours(2)),
            .notify(role: .site_director, reason: "major complaint: report (within same day)"),
            .armTimer(timer(.answer), due: t0 + days(2)),
            .armTimer(timer(.handling), due: t0 + days(10)),
        ])
        #expect(s.order.stateName == "awaiting_contact")
    }

    @Test func CMP_08_serviceFailingGoesToTheDepartmentHeadWithin1hSolvedIn3Days() throws {
        let (_, actions) = try classified(["class": "valid", "severity": "service_failing"])
        #expect(Array(actions.dropFirst(2)) == [
            .notify(role: .department_head, reason: "service_failing complaint: report (within 1h)"),
            .armTimer(timer(.handling), due: t0 + days(3)),
        ])
    }

    @Test func CMP_08_minorSolvedIn2DaysOrByTheOwnersDeadline() throws {
        let ownerDeadline = t0 + days(1)
        let (_, actions) = try classified(["class": "valid", "severity": "minor", "owner_deadline": JSONValue(ownerDeadline)])
        #expect(actions.last == .armTimer(timer(.handling), due: ownerDeadline))
    }

    @Test func CMP_11_escalationChainOnCannotSolveEndsAtTheGM() throws {
        var (s, _) = try classified(["class": "valid", "severity": "minor"])
        let chain: [Role] = [.cs_supervisor, .site_director, .complaint_centre, .deputy_gm, .gm]
        for (index, role) in chain.enumerated() {
            #expect(try s.send("cannot_solve", by: staff, ["reason": "needs budget"]) == [
                .escalate(to: role, level: index + 1, reason: "cannot solve: needs budget"),
                .record("work transfer slip: passed to \(role.rawValue) (cannot solve: needs budget)"),
            ])
        }
        #expect(s.rejection("cannot_solve", by: staff, ["reason": "still"])?.rule == "CMP-11")
        // A deadline missed at the top of the chain tells the GM again.
        #expect(try s.fire(.handling, at: t0 + days(2)) == [.notify(role: .gm, reason: "handling deadline passed")])
    }

    @Test func CMP_11_finalResultRepliedAfterEscalation() throws {
        var (s, _) = try classified(["class": "valid", "severity": "minor"])
        _ = try s.fire(.handling, at: t0 + days(2))
        _ = try s.send("contacted", by: supervisor, ["agreed_reply_at": JSONValue(s.now + hours(1))])
        _ = try s.send("handled", by: staff, ["summary": "done"])
        let actions = try s.send("replied", by: supervisor, ["form": "phone", "content": "done", "callback_sample": 0.9])
        #expect(actions.contains(.record("final result replied to the owner; work transfer slip closed")))
    }

    @Test func CMP_14_deadlineExtendedOnlyWithARecordedGrant() throws {
        var (s, _) = try classified(["class": "valid", "severity": "minor"])
        let later = t0 + days(3)
        let fields: [String: JSONValue] = ["deadline": "handling", "new_deadline": JSONValue(later), "reason": "parts on order"]
        #expect(s.rejection("extension_granted", by: supervisor, fields)?.code == .not_permitted)
        #expect(s.rejection("extension_granted", by: director, ["deadline": "handling", "new_deadline": JSONValue(t0 + hours(1)), "reason": "x"])?.rule == "CMP-14")
        #expect(s.rejection("extension_granted", by: director, ["deadline": "report_back", "new_deadline": JSONValue(later), "reason": "x"])?.rule == "CMP-14")
        #expect(s.rejection("extension_granted", by: director, ["deadline": "handling", "new_deadline": JSONValue(later)])?.code == .missing_field)
        #expect(try s.send("extension_granted", by: director, after: hours(1), fields) == [
            .armTimer(timer(.handling), due: later),
            .record("handling deadline extended from \(local(t0 + days(2))) to \(local(later)) by wang.director: parts on order"),
        ])
        guard case .complaint(let state) = s.order.state else { return }
        #expect(state.file.deadlines.extensions.first?.granted == Decision(by: director, at: t0 + hours(1)))
        #expect(state.file.deadlines.due(.handling) == later)
    }

    @Test func CMP_05_assistedComplaintReportedInWritingAndOwnerToldOfProgress() throws {
        var (s, actions) = try classified(["class": "assisted", "solving_party": "water company"])
        #expect(actions.last == .notify(role: .cs_supervisor, reason: "report in writing to water company and follow up"))
        #expect(s.rejection("handled", by: staff, ["summary": "done"])?.rule == "CMP-05")
        #expect(try s.send("reported_in_writing", by: supervisor, ["reference": "fax 3"]) == [
            .record("reported in writing to water company: fax 3"),
        ])
        #expect(try s.send("progress_told", by: staff, ["note": "main valve repaired Friday"]) == [
            .replyToOwner(form: .phone, content: "progress: main valve repaired Friday"),
        ])
        _ = try s.send("handled", by: staff, ["summary": "water company fixed it"])
        #expect(s.order.stateName == "handled")
    }

    @Test func CMP_10_ongoingHarmIsStoppedBeforeHandling() throws {
        var (s, opening) = try Scenario.open(intake(.complaint, subject: "public_hazard", fields: ["harm_ongoing": true]))
        #expect(opening.contains(.dispatch(to: .engineering, task: DispatchTask(summary: "stop or limit the ongoing harm first", dueBy: t0 + minutes(10)))))
        _ = try s.send("classified", by: supervisor, ["class": "valid", "severity": "major"])
        _ = try s.send("contacted", by: supervisor, ["agreed_reply_at": JSONValue(t0 + hours(1))])
        #expect(s.rejection("handled", by: staff, ["summary": "fixed"])?.rule == "CMP-10")
        #expect(try s.send("harm_contained", by: technician) == [.record("harm stopped or limited by chen.tech")])
        _ = try s.send("handled", by: staff, ["summary": "fixed"])
    }
}
