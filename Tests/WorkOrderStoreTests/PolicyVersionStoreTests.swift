import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderStore

/// The policy versions of schema version 3, on SQLite and PostgreSQL alike.
@Suite(.timeLimit(.minutes(2)))
struct PolicyVersionStoreTests {
    static let filesA = [
        "policy.yaml": "version: \"A\"\n",
        "repair.yaml": "immediate_on_site_within: 15m     # REP-01\n",
        "calendars/cn-mainland.yaml": "utc_offset: \"+08:00\"   # 春节 \"quoted\" \\ back\\slash\n",
    ]

    @Test(arguments: StoreKind.allCases)
    func recordAVersionsFilesAndReadThemBack(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            #expect(try await t.store.policyVersion("A") == nil)
            let before = wallClockMS()
            #expect(try await t.store.recordPolicyVersion("A", files: Self.filesA) == true)
            let after = wallClockMS()
            let stored = try #require(try await t.store.policyVersion("A"))
            #expect(stored.version == "A")
            #expect(stored.files == Self.filesA)
            #expect((before...after).contains(stored.firstLoadedAtMS))

            // A version is recorded once: its first texts stay.
            var edited = Self.filesA
            edited["repair.yaml"] = "immediate_on_site_within: 20m\n"
            #expect(try await t.store.recordPolicyVersion("A", files: edited) == false)
            #expect(try await t.store.policyVersion("A") == stored)

            #expect(try await t.store.recordPolicyVersion("B", files: edited) == true)
            #expect(try await t.store.policyVersion("B")?.files == edited)
            // Still there for a reader opened later.
            let reader = try await t.reopen(readOnly: true)
            #expect(try await reader.policyVersion("A")?.files == Self.filesA)
            try await reader.close()
        }
    }

    @Test(arguments: StoreKind.allCases)
    func policyVersionsOfOpenOrdersLeaveOutFinishedOrders(_ kind: StoreKind) async throws {
        try await withStore(kind) { t in
            func order(_ id: String, version: String, finished: Bool) throws -> WorkOrder {
                var order = try sampleOrder(id)
                order.policyVersion = version
                if finished, case .help(let state) = order.state { order.state = .help(.closed(state.file)) }
                return order
            }
            let orders = [
                try order("WO-1", version: "A", finished: false),
                try order("WO-2", version: "B", finished: true),
                try order("WO-3", version: "C", finished: true),
                try order("WO-4", version: "C", finished: false),
            ]
            #expect(orders.map(\.isFinished) == [false, true, true, false])
            #expect(try await t.store.policyVersionsOfOpenOrders() == [])
            _ = try await t.store.commit(orders.map { intakeUnit($0, message: "m-\($0.id)") })
            #expect(try await t.store.policyVersionsOfOpenOrders() == ["A", "C"])
        }
    }
}
