import Foundation
import Logging
import Testing
import WorkOrderCore
@testable import WorkOrderStore

/// The stores every behaviour test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// `WO_TEST_POSTGRES_URL`, by default the cluster `scripts/postgres start` runs.
let testPostgresURL: String = {
    let value = ProcessInfo.processInfo.environment["WO_TEST_POSTGRES_URL"] ?? ""
    return value.isEmpty ? "postgres://wo@127.0.0.1:55432/wo_test" : value
}()

let testLogger: Logger = {
    var logger = Logger(label: "wo.store.test")
    logger.logLevel = .warning
    return logger
}()

/// A fresh, empty store of one kind: a SQLite file in its own temporary folder, or a
/// PostgreSQL schema of its own, so tests can run side by side. `location` reopens it.
struct TestStore: Sendable {
    let kind: StoreKind
    let location: String
    let store: any OrderStore
    private let folder: URL?

    static func make(_ kind: StoreKind) async throws -> TestStore {
        let token = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-store-\(token)")
            let path = folder.appendingPathComponent("data/wo.sqlite").path
            let store = try await OrderStores.open(path, logger: testLogger)
            return TestStore(kind: kind, location: path, store: store, folder: folder)
        case .postgres:
            let separator = testPostgresURL.contains("?") ? "&" : "?"
            let location = testPostgresURL + separator + "schema=t_\(token)"
            let store: any OrderStore
            do {
                guard case .postgres = try StoreLocation(location) else {
                    throw StoreError.cannotOpen(location: testPostgresURL, reason: "WO_TEST_POSTGRES_URL is not a postgres:// URL")
                }
                store = try await OrderStores.open(location, logger: testLogger)
            } catch {
                Issue.record("""
                    PostgreSQL store tests need a server at \(testPostgresURL) (set WO_TEST_POSTGRES_URL, or run \
                    scripts/postgres start): \(error)
                    """)
                throw error
            }
            return TestStore(kind: kind, location: location, store: store, folder: nil)
        }
    }

    func reopen(readOnly: Bool = false) async throws -> any OrderStore {
        try await OrderStores.open(location, readOnly: readOnly, logger: testLogger)
    }

    /// Closes the store and removes its file or schema.
    func discard() async {
        try? await store.close()
        try? await OrderStores.removeScratch(location, logger: testLogger)
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}

/// Runs `body` on a fresh store and discards the store afterwards, even if `body` throws.
func withStore(_ kind: StoreKind, _ body: (TestStore) async throws -> Void) async throws {
    let test = try await TestStore.make(kind)
    do {
        try await body(test)
    } catch {
        await test.discard()
        throw error
    }
    await test.discard()
}

// MARK: - Sample data

/// 2026-03-02 09:00 in Beijing.
let t0 = Instant(secondsSinceEpoch: 1_772_413_200)

func at(minutes n: Int64) -> Instant { Instant(millisecondsSinceEpoch: t0.millisecondsSinceEpoch + n * 60_000) }

/// An order opened through the engine, so it is a real `WorkOrder` of some state.
func sampleOrder(_ id: String, site: String = "garden-court", room: String = "501", helpType: String = "consultation",
                 openedAt: Instant = t0) throws -> WorkOrder {
    let intake = IntakeRequest(
        kind: .help, site: site, household: Household(building: "3", unit: "2", room: room),
        owner: Owner(name: "Zhang San", phone: "13800000000"), channel: .phone, subject: "question",
        content: "owner's words", recordedBy: Actor(id: "zhao.cs", role: .cs_staff),
        fields: ["help_type": .string(helpType), "topic": "fees"])
    return try WorkflowEngine(policy: PolicySet(version: "test")).open(intake, id: id, at: openedAt).get().order
}

func opened(_ order: WorkOrder, message: String, intake: String? = nil) -> HistoryRecord {
    HistoryRecord(orderID: order.id, at: order.openedAt, event: "opened", actor: "zhao.cs", detail: "via phone",
                  messageID: message, state: order.stateName)
}

func outbox(_ messageID: String, key: String = "engineering", body: String = "{}") -> OutboxMessage {
    OutboxMessage(exchange: "", routingKey: "wo.dispatch.\(key)", messageID: messageID, type: "dispatch",
                  body: Array(body.utf8), createdAt: t0)
}

/// The unit an intake message causes: the new order, its first history line, the
/// intake link, a timer and a dispatch.
func intakeUnit(_ order: WorkOrder, message: String, timerDue: Instant? = nil) -> UnitOfWork {
    UnitOfWork(
        messageID: message, orders: [order], history: [opened(order, message: message)], intakeMessageID: message,
        armTimers: timerDue.map { [ArmedTimer(id: TimerID(order: order.id, purpose: .help_response), due: $0)] } ?? [],
        outbox: [outbox("\(message)/dispatch")])
}
