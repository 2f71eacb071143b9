import Testing
import WorkOrderCore

@Suite("Repairs")
struct RepairTests {
    static let accepted: [String: JSONValue] = ["owner_accepted": true, "owner_signature": "Zhang San", "fee_fen": 3000]

    func immediate(_ fields: [String: JSONValue] = [:]) throws -> (Scenario, [WorkflowAction]) {
        var all: [String: JSONValue] = ["mode": "immediate"]
        all.merge(fields) { _, new in new }
        return try Scenario.open(intake(.repair, subject: "pipe burst", fields: all))
    }

    func appointment(at: Instant) throws -> (Scenario, [WorkflowAction]) {
        try Scenario.open(intake(.repair, subject: "door lock", fields: ["mode": "appointment", "appointment_at": JSONValue(at)]))
    }

    @Test func REP_01_immediateRepairOnSiteWithin15Minutes() throws {
        var (s, actions) = try immediate()
        #expect(actions == [
            receivedRecord("pipe burst"),
            .dispatch(to: .engineering, task: DispatchTask(summary: "immediate repair: pipe burst", dueBy: t0 + minutes(15))),
            .armTimer(timer(.on_site), due: t0 + minutes(15)),
        ])
        #expect(try s.send("on_site", by: technician, after: minutes(12)) == [
            .cancelTimer(timer(.on_site)), .record("technician chen.tech on site"),
        ])
    }

    @Test func REP_01_lateArrivalEscalatesToTheEngineeringSupervisor() throws {
        var (s, _) = try immediate()
        #expect(try s.fire(.on_site, at: t0 + minutes(15)) == [
            .escalate(to: .engineering_supervisor, level: 1, reason: "nobody on site within 15m"),
            .armTimer(timer(.escalation), due: t0 + minutes(15) + hours(2)),
        ])
        // The technician arrives: the climb stops.
        #expect(try s.send("on_site", by: technician, after: minutes(5)) == [
            .record("technician chen.tech on site"), .cancelTimer(timer(.escalation)),
        ])
    }

    /// REP-01: nobody on site however many hours pass: the repair climbs its chain
    /// (engineering supervisor, site director, deputy GM, GM) and stops at the top.
    @Test func REP_01_nobodyOnSiteKeepsClimbing() throws {
        var (s, _) = try immediate()
        var at = t0 + minutes(15)
        _ = try s.fire(.on_site, at: at)
        for (level, role) in [(2, Role.site_director), (3, .deputy_gm), (4, .gm)] {
            at = at + hours(2)
            let actions = try s.fire(.escalation, at: at)
            #expect(actions.first == .escalate(to: role, level: level, reason: "still nobody on site after escalation to level \(level - 1)"))
            #expect(actions.contains(.armTimer(timer(.escalation), due: at + hours(2))) == (level < 4))
        }
    }

    @Test func REP_02_referralEndsAsReferredWithAReply() throws {
        var (s, _) = try immediate()
        #expect(try s.send("referred", by: staff, ["supplier": "Hengtong Glass", "reply": "please call Hengtong Glass, 8888"]) == [
            .cancelTimer(timer(.on_site)),
            .replyToOwner(form: .phone, content: "please call Hengtong Glass, 8888"),
            .record("referred to listed supplier Hengtong Glass"),
        ])
        #expect(s.order.stateName == "referred")
        #expect(s.order.isFinished)
        #expect(s.rejection("on_site", by: technician)?.code == .not_allowed_in_state)
    }

    @Test func REP_03_ownerAbsentLeavesANoteAndMakesANewAppointment() throws {
        let first = t0 + days(1)
        var (s, _) = try appointment(at: first)
        let next = t0 + days(2)
        #expect(s.rejection("owner_absent", by: technician, after: days(1), ["new_appointment_at": JSONValue(next)])?.rule == "REP-03")
        #expect(try s.send("owner_absent", by: technician, after: days(1), ["new_appointment_at": JSONValue(next), "note_left": true]) == [
            .record("owner absent; note left; new appointment \(local(next))"),
            .dispatch(to: .engineering, task: DispatchTask(summary: "repair at new appointment", dueBy: next)),
            .armTimer(timer(.arrival_check), due: next),
        ])
        #expect(s.order.stateName == "scheduled")
        let third = t0 + days(3)
        #expect(try s.send("owner_postponed", by: staff, ["new_appointment_at": JSONValue(third)]) == [
            .notify(role: .duty_officer, reason: "owner postponed the repair to \(local(third))"),
            .dispatch(to: .engineering, task: DispatchTask(summary: "repair at new appointment", dueBy: third)),
            .armTimer(timer(.arrival_check), due: third),
        ])
    }

    @Test func REP_04_materialsQuotedBeforeWorkAndDiagnosisChangesToldToTheOwner() throws {
        var (s, _) = try immediate()
        _ = try s.send("on_site", by: technician, after: minutes(10))
        #expect(try s.send("diagnosis_changed", by: technician, ["diagnosis": "valve, not pipe"]) == [
            .replyToOwner(form: .on_the_spot, content: "inspection changed the diagnosis: valve, not pipe"),
        ])
        var completion = Self.accepted
        completion["materials_used"] = true
        #expect(s.rejection("completed", by: technician, completion)?.rule == "REP-04")
        #expect(s.rejection("materials_quoted", by: technician, ["items": ["valve"], "amount_fen": 4500, "owner_agreed": false])?.rule == "REP-04")
        #expect(try s.send("materials_quoted", by: technician, ["items": ["valve"], "amount_fen": 4500, "owner_agreed": true]) == [
            .record("materials quoted and agreed: valve for 4500 fen"),
        ])
        let actions = try s.send("completed", by: technician, after: hours(1), completion)
        #expect(actions.contains(.charge(amountFen: 7500, item: "repair", ticket: nil)))
    }

    @Test func REP_05_acceptanceAndSignatureBeforeCompletion() throws {
        var (s, _) = try immediate()
        #expect(s.rejection("completed", by: technician, Self.accepted)?.rule == "REP-05")
        _ = try s.send("on_site", by: technician, after: minutes(10))
        #expect(s.rejection("completed", by: technician, ["owner_accepted": true])?.rule == "REP-05")
        #expect(s.rejection("completed", by: technician, ["owner_signature": "Zhang San"])?.rule == "REP-05")
        let done = s.now + hours(1)
        #expect(try s.send("completed", by: technician, after: hours(1), ["owner_accepted": true, "owner_signature": "Zhang San"]) == [
            .replyToOwner(form: .on_the_spot, content: "repair completed; accepted and signed by Zhang San"),
            .notify(role: .engineering_supervisor, reason: "fix the fee for this repair (REP-05)"),
            .notify(role: .cs_supervisor, reason: "fix the fee for this repair (REP-05)"),
            .notify(role: .engineering_supervisor, reason: "call the owner about this repair by \(local(done + days(1)))"),
            .scheduleCallback(round: 1, due: done + days(2), by: .cs_staff),
            .armTimer(timer(.callback), due: done + days(2)),
        ])
        #expect(s.rejection("fee_fixed", by: technician, ["amount_fen": 2000])?.code == .not_permitted)
        #expect(try s.send("fee_fixed", by: engineeringSupervisor, ["amount_fen": 2000]) == [.charge(amountFen: 2000, item: "repair", ticket: nil)])
        #expect(s.rejection("fee_fixed", by: engineeringSupervisor, ["amount_fen": 2000])?.rule == "REP-05")
    }

    @Test func REP_06_supervisorChecksArrivalAtTheAppointmentTime() throws {
        let at = t0 + days(1)
        var (s, actions) = try appointment(at: at)
        #expect(actions == [
            receivedRecord("door lock"),
            .dispatch(to: .engineering, task: DispatchTask(summary: "repair by appointment: door lock", dueBy: at)),
            .armTimer(timer(.arrival_check), due: at),
        ])
        #expect(try s.fire(.arrival_check, at: at) == [
            .notify(role: .engineering_supervisor, reason: "appointment time: check by phone that the technician arrived"),
        ])
        #expect(s.rejection("arrival_checked", by: technician, ["on_time": true])?.rule == "REP-06")
        #expect(try s.send("arrival_checked", by: engineeringSupervisor, after: minutes(5), ["on_time": false]) == [
            .record("arrival checked by phone: technician late"),
            .notify(role: .cs_supervisor, reason: "arrival checked by phone: technician late"),
        ])
    }

    @Test func REP_07_repairUnderWarrantyIsFree() throws {
        var (s, opening) = try immediate(["warranty_until": JSONValue(t0 + days(30))])
        #expect(opening.last == .record("under warranty: free repair"))
        _ = try s.send("on_site", by: technician, after: minutes(10))
        #expect(s.rejection("completed", by: technician, Self.accepted)?.rule == "REP-07")
        let actions = try s.send("completed", by: technician, ["owner_accepted": true, "owner_signature": "Zhang San"])
        #expect(actions.contains(.record("free repair: under warranty")))
        #expect(!actions.contains { if case .charge = $0 { return true } else { return false } })
    }

    @Test func IN_01_repairIntakeSaysImmediateOrByAppointment() throws {
        let result = WorkflowEngine(policy: PolicySet(version: "t")).open(intake(.repair, subject: "tap"), id: "WO-9", at: t0)
        #expect(throws: Rejection.self) { try result.get() }
        if case .failure(let rejection) = result { #expect(rejection.rule == "IN-01") }
    }
}
