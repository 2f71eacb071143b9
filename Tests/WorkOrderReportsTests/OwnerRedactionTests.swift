import Foundation
import Logging
import Testing
import WorkOrderCore
import WorkOrderStore
@testable import WorkOrderReports
@testable import WorkOrderServer

/// IN-05 at rest: once an order has been finished for `redact_owner_data_after_days`,
/// the owner's name and phone are replaced by masks in the order, its history and the
/// messages it sent; open orders keep them; the reports read the same; and (SQLite) a
/// backup taken afterwards holds neither.
@Suite(.serialized) struct OwnerRedactionTests {
    static let phone = "13812345678"
    static let name = "Zhang San"
    static let logger = Logger(label: "test.redaction", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A repair done and called back (closed), and one nobody came to (open).
    func fill(_ flow: ServerFlow) async throws -> (closed: String, open: String) {
        let fields: [String: JSONValue] = ["mode": "immediate", "category": "other"]
        let closed = try await flow.intake(.repair, subject: "dripping tap", room: "501", fields: fields, at: t0)
        let open = try await flow.intake(.repair, subject: "door lock", room: "502", fields: fields, at: at(minutes: 5))
        try await flow.send("on_site", to: closed, by: StoreFlowTests.technician, at: at(minutes: 10))
        try await flow.send("completed", to: closed, by: StoreFlowTests.technician,
                            ["owner_accepted": true, "owner_signature": .string(Self.name), "fee_fen": 0], at: at(minutes: 60))
        try await flow.send("callback_reached", to: closed, by: StoreFlowTests.staff, StoreFlowTests.answer("satisfied"), at: at(hours: 24))
        try await flow.advance(to: at(hours: 30))
        return (closed, open)
    }

    func everything(_ store: any OrderStore, _ order: String) async throws -> String {
        let stored = try #require(try await store.order(id: order))
        let history = try await store.history(orderID: order).map { "\($0.detail) \($0.factJSON ?? "")" }
        let outbox = try await store.outboxMessages(ofTypes: ["dispatch", "callback", "event", "notification", "escalation"], orderIDs: [order])
        return ([stored.owner.name, stored.owner.phone, String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)]
                + history + outbox.map { String(decoding: $0.body, as: UTF8.self) }).joined(separator: "\n")
    }

    @Test(arguments: FlowStore.allCases)
    func IN_05_ownersDataIsMaskedOnceTheOrderHasBeenFinishedLongEnough(store kind: FlowStore) async throws {
        try await StoreFlowTests().withFlow(kind) { flow in try await maskedOnceFinishedLongEnough(flow) }
    }

    func maskedOnceFinishedLongEnough(_ flow: ServerFlow) async throws {
        let (closed, open) = try await fill(flow)
        #expect(try await flow.store.order(id: closed)?.isFinished == true)
        #expect(try await everything(flow.store, closed).contains(Self.phone), "the store held the phone before")
        let statsBefore = SiteStats(site: "garden-court", period: .month(year: 2026, month: 3),
                                    orders: try await flow.facts(now: at(hours: 30)), context: context(now: at(hours: 30)))

        let retention = RetentionService(
            store: flow.store, days: 0, redactAfterDays: 2, clock: WorkClock(scale: 1), logger: Self.logger)
        // One day after it finished: too early.
        #expect(await retention.redactOnce(now: at(hours: 48)) == 0)
        #expect(try await flow.store.order(id: closed)?.owner.phone == Self.phone)
        // Three days after: masked everywhere the store holds it, once.
        #expect(await retention.redactOnce(now: at(hours: 24 * 4)) == 1)
        #expect(await retention.redactOnce(now: at(hours: 24 * 5)) == 0, "a redacted order is not redacted again")
        let after = try await everything(flow.store, closed)
        #expect(!after.contains(Self.phone) && !after.contains(Self.name), "\(after)")
        #expect(after.contains("138****5678") && after.contains("Z********"))
        // The open order keeps its owner: staff still need to reach them.
        #expect(try await flow.store.order(id: open)?.owner == Owner(name: Self.name, phone: Self.phone))

        // The reports read the same.
        let statsAfter = SiteStats(site: "garden-court", period: .month(year: 2026, month: 3),
                                   orders: try await flow.facts(now: at(hours: 30)), context: context(now: at(hours: 30)))
        #expect(statsAfter.orders == statsBefore.orders && statsAfter.callbackRate == statsBefore.callbackRate)
        let row = try #require(try await flow.facts(now: at(hours: 30)).first { $0.order.id == closed })
        #expect(row.order.owner.phone == "138****5678")
    }

    @Test func IN_05_aBackupTakenAfterwardsHoldsNeitherNameNorPhone() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in try await backupHoldsNoSecrets(flow) }
    }

    func backupHoldsNoSecrets(_ flow: ServerFlow) async throws {
        let fields: [String: JSONValue] = ["mode": "immediate", "category": "other"]
        let order = try await flow.intake(.repair, subject: "dripping tap", room: "501", fields: fields, at: t0)
        try await flow.send("on_site", to: order, by: StoreFlowTests.technician, at: at(minutes: 10))
        try await flow.send("completed", to: order, by: StoreFlowTests.technician,
                            ["owner_accepted": true, "owner_signature": .string(Self.name), "fee_fen": 0], at: at(minutes: 60))
        try await flow.send("callback_reached", to: order, by: StoreFlowTests.staff, StoreFlowTests.answer("satisfied"), at: at(hours: 24))
        let sqlite = try #require(flow.store as? SQLiteOrderStore)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-redact-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func holds(_ path: String, _ secret: String) throws -> Bool {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return data.range(of: Data(secret.utf8)) != nil
        }
        _ = try await sqlite.backup(to: folder + "/before.sqlite")
        #expect(try holds(folder + "/before.sqlite", Self.phone), "the test would notice the phone in a backup")

        let retention = RetentionService(store: flow.store, days: 0, redactAfterDays: 1, clock: WorkClock(scale: 1), logger: Self.logger)
        #expect(await retention.redactOnce(now: at(hours: 24 * 3)) == 1)
        _ = try await sqlite.backup(to: folder + "/after.sqlite")
        #expect(try !holds(folder + "/after.sqlite", Self.phone))
        #expect(try !holds(folder + "/after.sqlite", Self.name))
        // Nor does the store's own file, once the write-ahead log went into it.
        #expect(try !holds(flow.path, Self.phone))
    }
}
