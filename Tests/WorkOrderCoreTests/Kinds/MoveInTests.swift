import Testing
import WorkOrderCore

@Suite("Move-in")
struct MoveInTests {
    static let documents: [String: JSONValue] = [
        "owner": ["owner_id", "move_in_notice", "purchase_contract"],
        "agent": ["owner_id", "move_in_notice", "purchase_contract", "agent_id", "power_of_attorney"],
        "company": ["move_in_notice", "purchase_contract", "company_certificate", "person_id"],
    ]
    static let items: JSONValue = ["keys", "door_card", "mailbox_key", "resident_handbook", "water_electric_diagrams", "gas_instructions", "gas_card", "alarm"]
    static let fees: JSONValue = ["property_fee": 120000, "elevator_fee": 3000, "public_lighting": 500, "renovation_deposit": 200000,
                                  "refuse_removal": 1000, "freight_elevator_fee": 2000]
    static let meters: JSONValue = ["water": 12, "electricity": 305.5, "gas": 7]
    /// What a defect's repair order opens with: engineering is already there (MOV-05).
    let repairFields: [String: JSONValue] = ["mode": "immediate", "category": "other"]

    func feesPaid(_ buyer: String = "owner") throws -> Scenario {
        var (s, _) = try Scenario.open(intake(.move_in, subject: "move-in", fields: ["buyer": .string(buyer)]))
        _ = try s.send("documents_checked", by: staff, ["documents": Self.documents[buyer]!])
        _ = try s.send("registered", by: staff, ["form_filled": true, "agreements": ["registration_form", "management_agreement"]])
        _ = try s.send("items_handed_over", by: staff, ["items": Self.items, "owner_signature": "Zhang"])
        _ = try s.send("fees_collected", by: staff, ["fees": Self.fees])
        return s
    }

    @Test(arguments: ["owner", "agent", "company"])
    func MOV_01_documentsCheckedPerBuyerCase(buyer: String) throws {
        var (s, _) = try Scenario.open(intake(.move_in, subject: "move-in", fields: ["buyer": .string(buyer)]))
        #expect(s.rejection("documents_checked", by: staff, ["documents": ["move_in_notice"]])?.rule == "MOV-01")
        _ = try s.send("documents_checked", by: staff, ["documents": Self.documents[buyer]!])
        #expect(s.order.stateName == "documents_checked")
    }

    @Test func MOV_01_agentMissingPowerOfAttorneyIsNamed() throws {
        let (s, _) = try Scenario.open(intake(.move_in, subject: "move-in", fields: ["buyer": "agent"]))
        #expect(s.rejection("documents_checked", by: staff, ["documents": Self.documents["owner"]!])?.reason
            == "a agent buyer brings agent_id, power_of_attorney; missing")
    }

    @Test func MOV_02_registrationFormAndAgreements() throws {
        var (s, _) = try Scenario.open(intake(.move_in, subject: "move-in", fields: ["buyer": "owner"]))
        _ = try s.send("documents_checked", by: staff, ["documents": Self.documents["owner"]!])
        #expect(s.rejection("registered", by: staff, ["agreements": ["registration_form", "management_agreement"]])?.rule == "MOV-02")
        #expect(s.rejection("registered", by: staff, ["form_filled": true, "agreements": ["registration_form"]])?.rule == "MOV-02")
    }

    @Test func MOV_03_itemsHandedOverAgainstSignature() throws {
        var (s, _) = try Scenario.open(intake(.move_in, subject: "move-in", fields: ["buyer": "owner"]))
        _ = try s.send("documents_checked", by: staff, ["documents": Self.documents["owner"]!])
        _ = try s.send("registered", by: staff, ["form_filled": true, "agreements": ["registration_form", "management_agreement"]])
        #expect(s.rejection("items_handed_over", by: staff, ["items": ["keys"], "owner_signature": "Zhang"])?.rule == "MOV-03")
        #expect(s.rejection("items_handed_over", by: staff, ["items": Self.items])?.code == .missing_field)
    }

    @Test func MOV_04_allMoveInFeesCollected() throws {
        var (s, _) = try Scenario.open(intake(.move_in, subject: "move-in", fields: ["buyer": "owner"]))
        _ = try s.send("documents_checked", by: staff, ["documents": Self.documents["owner"]!])
        _ = try s.send("registered", by: staff, ["form_filled": true, "agreements": ["registration_form", "management_agreement"]])
        _ = try s.send("items_handed_over", by: staff, ["items": Self.items, "owner_signature": "Zhang"])
        #expect(s.rejection("fees_collected", by: staff, ["fees": ["property_fee": 1]])?.rule == "MOV-04")
        #expect(try s.send("fees_collected", by: staff, ["fees": Self.fees]) == [
            .charge(amountFen: 120000, item: "property_fee", ticket: nil), .charge(amountFen: 3000, item: "elevator_fee", ticket: nil),
            .charge(amountFen: 500, item: "public_lighting", ticket: nil), .charge(amountFen: 200000, item: "renovation_deposit", ticket: nil),
            .charge(amountFen: 1000, item: "refuse_removal", ticket: nil), .charge(amountFen: 2000, item: "freight_elevator_fee", ticket: nil),
        ])
    }

    @Test func MOV_05_eachDefectOpensARepairOrderThenReinspectionAndSignOff() throws {
        var s = try feesPaid()
        #expect(s.rejection("inspected", by: engineeringSupervisor, ["meters": Self.meters, "defects": []])?.rule == "MOV-05")
        #expect(try s.send("inspected", by: engineeringSupervisor, ["meters": Self.meters, "confirmed_by_owner": true, "defects": ["cracked tile", "loose socket"]]) == [
            .record("joint inspection with engineering; meters: electricity 305.5, gas 7, water 12"),
            .openLinkedOrder(kind: .repair, subject: "cracked tile", reason: "move-in defect found at the joint inspection: cracked tile",
                             link: OrderLink(.defect_of_move_in, "WO-1"), fields: repairFields),
            .openLinkedOrder(kind: .repair, subject: "loose socket", reason: "move-in defect found at the joint inspection: loose socket",
                             link: OrderLink(.defect_of_move_in, "WO-1"), fields: repairFields),
        ])
        #expect(s.rejection("signed_off", by: staff, ["owner_signature": "Zhang"])?.rule == "MOV-05")
        _ = try s.send("defect_repaired", by: technician, ["defect": "cracked tile"])
        #expect(s.rejection("reinspection_booked", by: staff, ["at": JSONValue(t0 + days(2))])?.rule == "MOV-05")
        _ = try s.send("defect_repaired", by: technician, ["defect": "loose socket"])
        #expect(try s.send("reinspection_booked", by: staff, ["at": JSONValue(t0 + days(2))]) == [
            .dispatch(to: .engineering, task: DispatchTask(summary: "move-in re-inspection", dueBy: t0 + days(2))),
        ])
        _ = try s.send("reinspected", by: engineeringSupervisor, after: days(2), ["defects": []])
        #expect(try s.send("signed_off", by: staff, ["owner_signature": "Zhang"]) == [
            .replyToOwner(form: .on_the_spot, content: "move-in complete; signed off by Zhang"),
        ])
    }

    @Test func MOV_06_archiveKeepsTheCasesDocuments() throws {
        var s = try feesPaid("company")
        _ = try s.send("inspected", by: engineeringSupervisor, ["meters": Self.meters, "confirmed_by_owner": true, "defects": []])
        _ = try s.send("signed_off", by: staff, ["owner_signature": "Li for ACME Ltd"])
        #expect(s.rejection("archived", by: staff, ["documents": ["move_in_notice"]])?.rule == "MOV-06")
        _ = try s.send("archived", by: staff, ["documents": ["move_in_notice", "company_certificate", "person_id_copy", "registration_form", "agreements"]])
        #expect(s.order.stateName == "archived")
        #expect(s.order.isFinished)
    }
}
