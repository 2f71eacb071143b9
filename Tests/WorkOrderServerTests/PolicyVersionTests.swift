import Foundation
import Testing
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore

/// An order keeps the rules of the policy version it was opened under after the server
/// restarts with a newer version; new orders follow the newer one.
@Suite("Server: orders keep their policy version")
struct PolicyVersionTests {
    static let thanksUnderA = "感谢您的支持（A 版回访话术）！"

    /// Version A calls back 3 s after a repair and thanks the owner in its own words;
    /// version B calls back after 9 minutes. The order opened under A keeps both.
    @Test(.timeLimit(.minutes(5)), arguments: StoreKind.allCases)
    func repairOpenedUnderTheOlderVersionKeepsItsCallBack(store kind: StoreKind) async throws {
        let folderA = try PolicyFolders.copy(version: "2026.1-a", repairCallbackAfter: "3s")
        try PolicyFolders.edit(folderA, "callbacks.yaml", "感谢您的支持，祝您生活愉快！", Self.thanksUnderA)
        let folderB = try PolicyFolders.copy(version: "2026.1-b", repairCallbackAfter: "9m")
        defer {
            try? FileManager.default.removeItem(atPath: folderA)
            try? FileManager.default.removeItem(atPath: folderB)
        }
        let first = try await ServerHarness.start(store: kind, workflows: folderA)
        try await first.publishIntake(Fixtures.repairIntake(category: "other"), kind: "repair", messageID: "under-a")
        let old = try await first.order(intake: "under-a")
        try await first.stop(keepVhost: true)
        // From here version A exists only in the store.
        try FileManager.default.removeItem(atPath: folderA)

        let second = try await ServerHarness.start(store: kind, vhost: first.vhost, location: first.storeLocation, workflows: folderB)
        try await second.publishIntake(Fixtures.repairIntake(category: "other", household: "302"), kind: "repair", messageID: "under-b")
        let new = try await second.order(intake: "under-b")
        #expect(try await second.store.order(id: old)?.policyVersion == "2026.1-a")
        #expect(try await second.store.order(id: new)?.policyVersion == "2026.1-b")

        for order in [old, new] {
            try await second.publishTransition(order: order, event: "on_site", messageID: "\(order)/on-site")
            try await second.publishTransition(order: order, event: "completed", fields: [
                "owner_accepted": true, "owner_signature": "张三", "summary": "replaced the trap",
            ], messageID: "\(order)/completed")
        }
        for order in [old, new] {
            #expect(try await second.eventually { try await second.store.order(id: order)?.stateName == "calling_back" })
        }
        let oldCompleted = try #require(try await second.historyTime(old, "completed"))
        let newCompleted = try #require(try await second.historyTime(new, "completed"))
        #expect(try await second.deadlines(old, "callback") == [oldCompleted + 3_000])
        #expect(try await second.deadlines(new, "callback") == [newCompleted + 9 * 60_000])
        // The call-back falls due under A, and its script is A's.
        let call = try await second.nextCallback(for: old, timeout: .seconds(60))
        #expect(call.script?.last?.say == Self.thanksUnderA)
        #expect(try await second.store.policyVersion("2026.1-a")?.files["callbacks.yaml"]?.contains(Self.thanksUnderA) == true)
        #expect(try await second.store.policyVersion("2026.1-b") != nil)
        try await second.stop()
    }
}

extension Fixtures {
    static func repairIntake(category: String, household: String) -> [String: Any] {
        var intake = repairIntake(category: category)
        intake["household"] = ["building": "5", "unit": "2", "room": household]
        return intake
    }
}
