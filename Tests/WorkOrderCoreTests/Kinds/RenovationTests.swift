import Testing
import WorkOrderCore

@Suite("Renovation permits")
struct RenovationTests {
    static let permit: [String: JSONValue] = [
        "start_date": "2026-03-10", "end_date": "2026-05-10", "person_in_charge": "Boss Wu", "passes": ["P-1", "P-2"], "deposit_fen": 200000,
    ]

    func agreed(_ fields: [String: JSONValue] = ["applicant": "owner"]) throws -> Scenario {
        var (s, _) = try Scenario.open(intake(.renovation, subject: "kitchen", fields: fields))
        let documents: JSONValue = fields["applicant"] == "agent"
            ? ["owner_id", "property_certificate", "power_of_attorney", "agent_id"] : ["owner_id", "property_certificate"]
        _ = try s.send("identity_checked", by: staff, ["documents": documents])
        _ = try s.send("agreement_signed", by: staff, ["rules_restated": true, "plan_reviewed": true])
        return s
    }

    @Test func REN_01_agentBringsPowerOfAttorneyAndID() throws {
        var (s, _) = try Scenario.open(intake(.renovation, subject: "kitchen", fields: ["applicant": "agent"]))
        #expect(s.rejection("identity_checked", by: staff, ["documents": ["owner_id", "property_certificate"]])?.reason
            == "an application by the agent needs power_of_attorney, agent_id")
        #expect(try s.send("identity_checked", by: staff, ["documents": ["owner_id", "property_certificate", "power_of_attorney", "agent_id"]]) == [
            .record("identity checked by zhao.cs; copies filed: owner_id, property_certificate, power_of_attorney, agent_id"),
        ])
    }

    @Test func REN_02_rulesRestatedAndPlanReviewedBeforeTheAgreement() throws {
        var (s, _) = try Scenario.open(intake(.renovation, subject: "kitchen", fields: ["applicant": "owner"]))
        _ = try s.send("identity_checked", by: staff, ["documents": ["owner_id", "property_certificate"]])
        #expect(s.rejection("agreement_signed", by: staff, ["rules_restated": true])?.rule == "REN-02")
        #expect(try s.send("agreement_signed", by: staff, ["rules_restated": true, "plan_reviewed": true]) == [
            .record("renovation agreement signed; plan reviewed"),
        ])
        #expect(s.order.stateName == "agreed")
    }

    @Test func REN_03_structuralChangeBlockedUntilAuthorityApproval() throws {
        var s = try agreed(["applicant": "owner", "structural_change": true])
        #expect(s.order.stateName == "awaiting_authority")
        #expect(s.rejection("permit_issued", by: staff, Self.permit)?.rule == "REN-03")
        #expect(try s.send("authority_approved", by: staff, ["reference": "HA-2026-114"]) == [
            .record("housing authority approval HA-2026-114 recorded by zhao.cs"),
        ])
        _ = try s.send("permit_issued", by: staff, Self.permit)
        #expect(s.order.stateName == "under_way")
    }

    @Test func REN_04_permitIssuedNotifiesEngineeringAndSecurity() throws {
        var s = try agreed()
        let reason = "renovation 2026-03-10–2026-05-10, in charge: Boss Wu, passes: P-1, P-2: monitor the works"
        #expect(try s.send("permit_issued", by: staff, Self.permit) == [
            .record("permit issued; deposit 200000 fen; passes P-1, P-2"),
            .charge(amountFen: 200000, item: "renovation_deposit", ticket: nil),
            .dispatch(to: .engineering, task: DispatchTask(summary: reason)),
            .dispatch(to: .security, task: DispatchTask(summary: reason)),
        ])
    }

    @Test func REN_05_depositReturnedOnlyAfterFinalInspection() throws {
        var s = try agreed()
        _ = try s.send("permit_issued", by: staff, Self.permit)
        #expect(s.rejection("final_inspection", by: staff, ["passed": true])?.code == .not_allowed_in_state)
        _ = try s.send("works_finished", by: staff, after: days(60))
        #expect(try s.send("final_inspection", by: engineeringSupervisor, ["passed": false, "notes": "wall damp"]) == [
            .record("final inspection failed: wall damp; deposit kept"),
            .replyToOwner(form: .on_the_spot, content: "final inspection failed: wall damp"),
        ])
        _ = try s.send("works_finished", by: staff, after: days(3))
        #expect(try s.send("final_inspection", by: engineeringSupervisor, ["passed": true, "notes": "ok"]) == [
            .refundDeposit(amountFen: 200000, reason: "final inspection passed: ok"),
            .replyToOwner(form: .on_the_spot, content: "final inspection passed; deposit returned"),
        ])
        #expect(s.order.stateName == "closed")
        guard case .renovation(.closed(let file)) = s.order.state else { Issue.record("not closed"); return }
        #expect(file.inspections.count == 2)
    }
}
