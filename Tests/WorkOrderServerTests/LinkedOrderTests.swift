import Foundation
import Testing
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// Orders the engine opens from another order get ids of their own that never collide.
@Suite("Server: linked orders")
struct LinkedOrderTests {
    /// PAID-03: every visit of a monthly contract is an order of its own, linked to the
    /// contract. Two visits of one contract must not share an id.
    @Test(arguments: StoreKind.allCases)
    func PAID_03_eachContractVisitGetsItsOwnLinkedOrder(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        var intake = Fixtures.repairIntake()
        intake["kind"] = "paid_service"
        intake["subject"] = "monthly cleaning"
        intake["fields"] = ["service": "monthly_cleaning", "monthly": true]
        try await harness.publishIntake(intake, kind: "paid_service", messageID: "contract-1")
        #expect(try await harness.eventually { try await harness.store.order(intakeMessageID: "contract-1") != nil })
        let contract = try #require(try await harness.store.order(intakeMessageID: "contract-1"))
        let visitAt = Int(Date().timeIntervalSince1970 * 1000) + 86_400_000
        let leader = (id: "lead-2", role: "team_leader"), desk = (id: "li.cs", role: "cs_staff")
        try await harness.publishTransition(order: contract.id, event: "quoted", fields: ["items": ["stairs"], "scheduled_at": visitAt, "fee_fen": 20000], messageID: "q", by: leader)
        try await harness.publishTransition(order: contract.id, event: "contract_started", messageID: "c", by: desk)
        // The first scheduling message comes twice (a redelivery): it opens one visit.
        for (visit, messageID) in [(1, "v1"), (1, "v1"), (2, "v2")] {
            try await harness.publishTransition(order: contract.id, event: "visit_scheduled", fields: ["visit_at": visitAt + visit * 1000], messageID: messageID, by: desk)
        }
        let ids = ["\(contract.id)-V1", "\(contract.id)-V2"]
        #expect(try await harness.eventually {
            try await harness.store.history(orderID: contract.id).contains { $0.messageID == "v2" }
        })
        let rows = try await harness.store.history(orderID: contract.id)
        #expect(!rows.contains { $0.event.hasPrefix("rejected") || $0.event == "linked_order_failed" }, "\(rows.map { "\($0.event): \($0.detail)" })")
        let found = try await harness.store.orders(matching: OrderFilter(kind: .paid_service)).map(\.id)
        #expect(found.sorted() == ([contract.id] + ids).sorted())
        for id in ids {
            let visit = try #require(try await harness.store.order(id: id))
            #expect(visit.links == [OrderLink(.visit_of_contract, contract.id)])
        }
        try await harness.stop()
    }
}

extension LinkedOrderTests {
    /// HELP-05: a help request that is really a repair becomes a repair order, linked
    /// and dispatched, carrying the fields the repair needs.
    @Test(arguments: StoreKind.allCases)
    func HELP_05_repairRequestBecomesALinkedRepairOrder(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        var intake = Fixtures.repairIntake()
        intake["kind"] = "help"
        intake["fields"] = ["help_type": "repair", "mode": "immediate", "category": "leak"]
        try await harness.publishIntake(intake, kind: "help", messageID: "help-1")
        let dispatch = try #require(try await harness.take(1, from: "wo.dispatch.engineering").first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(dispatch.body)) as? [String: Any])
        let help = try #require(try await harness.store.order(intakeMessageID: "help-1"))
        #expect(help.stateName == "converted")
        #expect(body["order_id"] as? String == "\(help.id)-O1")
        let repair = try #require(try await harness.store.order(id: "\(help.id)-O1"))
        #expect(repair.kind == .repair)
        #expect(repair.links == [OrderLink(.opened_from_help, help.id)])
        try await harness.stop()
    }

    /// HELP-05 with a request the new kind cannot take (a complaint about a subject
    /// CMP-09 does not know): neither order opens and the request is dead-lettered
    /// with the reason, instead of a help order converted into nothing.
    @Test(arguments: StoreKind.allCases)
    func HELP_05_conversionTheNewKindRefusesIsDeadLetteredWhole(store: StoreKind) async throws {
        let harness = try await ServerHarness.start(store: store)
        var intake = Fixtures.repairIntake(subject: "no such subject")
        intake["kind"] = "help"
        intake["fields"] = ["help_type": "complaint"]
        try await harness.publishIntake(intake, kind: "help", messageID: "help-2")
        let letter = try #require(try await harness.take(1, from: BrokerTopology.deadLetterQueue).first)
        let reason = letter.properties.headers["x-wo-reason"]?.stringValue ?? ""
        #expect(reason.contains("linked complaint order cannot open"), "\(reason)")
        #expect(reason.contains("CMP-09"), "\(reason)")
        #expect(try await harness.store.order(intakeMessageID: "help-2") == nil)
        #expect(try await harness.store.orders(matching: OrderFilter()).isEmpty)
        try await harness.stop()
    }
}
