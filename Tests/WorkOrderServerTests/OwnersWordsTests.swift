import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// What owners and staff said reaches the people who act (issue 12, items 1 and 2).
@Suite("Server: the owner's words reach the technician and the supervisor", .serialized)
struct OwnersWordsTests {
    /// IN-01: the intake's content is kept with the order, sent with the dispatch and
    /// shown by `wo show`.
    @Test(.timeLimit(.minutes(3)), arguments: StoreKind.allCases)
    func IN_01_theOwnersWordsAreKeptDispatchedAndShown(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        var intake = Fixtures.repairIntake()
        let words = "厨房水槽下面的水管在漏水，\n地面是湿的"
        intake["content"] = words
        try await harness.publishIntake(intake, kind: "repair", messageID: "words-1")
        let dispatch = try #require(try await harness.take(1, from: "wo.dispatch.engineering").first)
        let task = try DispatchMessage.decode(dispatch.body)
        #expect(task.content == words)
        #expect(task.subject == "water leak")
        let order = try #require(try await harness.store.order(intakeMessageID: "words-1"))
        #expect(order.content == words)
        try await harness.stop()
    }

    /// MOV-05: each defect found at the joint inspection opens a repair order whose
    /// subject and dispatch are that defect's own description.
    @Test(.timeLimit(.minutes(3)), arguments: StoreKind.allCases)
    func MOV_05_eachDefectsRepairCarriesItsOwnDescription(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        var intake = Fixtures.repairIntake()
        intake["kind"] = "move_in"
        intake["subject"] = "move-in"
        intake["fields"] = ["buyer": "owner"]
        try await harness.publishIntake(intake, kind: "move_in", messageID: "move-in-1")
        let order = try await harness.order(intake: "move-in-1")
        let staff = ("zhao.cs", "cs_staff")
        let steps: [(String, [String: Any], (String, String))] = [
            ("documents_checked", ["documents": ["owner_id", "move_in_notice", "purchase_contract"]], staff),
            ("registered", ["form_filled": true, "agreements": ["registration_form", "management_agreement"]], staff),
            ("items_handed_over", ["items": ["keys", "door_card", "mailbox_key", "resident_handbook", "water_electric_diagrams", "gas_instructions", "gas_card", "alarm"],
                                   "owner_signature": "张三"], staff),
            ("fees_collected", ["fees": ["property_fee": 120000, "elevator_fee": 3000, "public_lighting": 500, "renovation_deposit": 200000,
                                         "refuse_removal": 1000, "freight_elevator_fee": 2000]], staff),
            ("inspected", ["meters": ["water": 12, "electricity": 305.5, "gas": 7], "confirmed_by_owner": true,
                           "defects": ["客厅地砖开裂", "主卧插座松动"]], ("liu.eng", "engineering_supervisor")),
        ]
        let replies = "wo.reply.movein-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await harness.connection.declareQueue(QueueSpec(name: replies, durable: false, exclusive: true, autoDelete: false))
        for (index, (event, fields, actor)) in steps.enumerated() {
            try await harness.publishTransition(order: order, event: event, fields: fields, messageID: "move-in-step-\(index)", replyTo: replies, by: actor)
            let answer = try #require(try await harness.take(1, from: replies).first)
            let reply = try TransitionReply.decode(answer.body)
            #expect(reply.status == .accepted, "\(event): \(reply.reason ?? "")")
        }
        // Engineering's queue may hold the move-in's own tasks too: read until both repairs came.
        var dispatches: [DispatchMessage] = []
        while dispatches.count < 2, let next = try await harness.take(1, from: "wo.dispatch.engineering").first {
            let task = try DispatchMessage.decode(next.body)
            if task.kind == .repair { dispatches.append(task) }
        }
        #expect(Set(dispatches.map(\.subject)) == ["客厅地砖开裂", "主卧插座松动"])
        #expect(Set(dispatches.map(\.summary)) == ["immediate repair: 客厅地砖开裂", "immediate repair: 主卧插座松动"])
        #expect(dispatches.allSatisfy { $0.content.hasPrefix("move-in defect found at the joint inspection: ") })
        let repairs = try await harness.store.orders(matching: OrderFilter(kind: .repair))
        #expect(Set(repairs.map(\.subject)) == ["客厅地砖开裂", "主卧插座松动"])
        try await harness.stop()
    }
}
