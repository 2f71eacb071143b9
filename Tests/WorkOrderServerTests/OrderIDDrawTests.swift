import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderServer

/// New orders' ids are drawn for a whole batch and checked against the store in one
/// read; an id drawn that way is only used while it is still free and of today.
@Suite("Server: drawing new order ids")
struct OrderIDDrawTests {
    @Test(.timeLimit(.minutes(5)))
    func aDrawnIDUsedEarlierInTheBatchOrOfAnotherDayIsDrawnAgain() async throws {
        let server = try await ServerHarness.start(store: .sqlite)
        try await server.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "ids-1")
        let existing = try #require(try await server.store.order(id: try await server.order(intake: "ids-1")))
        let now = existing.openedAt
        let calendar = TestPolicy.policy.calendar(forSite: existing.site)
        let today = OrderID.prefix(kind: .repair, at: now, calendar: calendar)
        let yesterday = OrderID.prefix(kind: .repair, at: Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch - 86_400_000), calendar: calendar)

        var batch = Batch(store: server.store)
        batch.remember(existing)
        batch.freeOrderIDs = ["free": today + "0000000A", "in-batch": existing.id, "old": yesterday + "0000000B"]
        #expect(try await batch.newOrderID(for: "free", kind: .repair, at: now, calendar: calendar) == today + "0000000A")
        let again = try await batch.newOrderID(for: "in-batch", kind: .repair, at: now, calendar: calendar)
        #expect(again != existing.id && again.hasPrefix(today))
        let fresh = try await batch.newOrderID(for: "old", kind: .repair, at: now, calendar: calendar)
        #expect(fresh.hasPrefix(today))
        // Each drawn id serves once.
        #expect(batch.freeOrderIDs.isEmpty)
        try await server.stop()
    }
}
