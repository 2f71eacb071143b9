import Foundation
import Logging
import Testing
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderReports
import WorkOrderStore
@testable import WorkOrderServer

/// The stores a flow can fill: SQLite in a temporary folder, or a schema of its own on
/// the project's PostgreSQL (`scripts/postgres`; `WO_TEST_POSTGRES_URL`).
enum FlowStore: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    var description: String { rawValue }
}

/// Fills a real store (SQLite or PostgreSQL) through the server's own writer — the code
/// `wo serve` runs for every message and every fired timer — with a clock the test sets,
/// so the rows (history, deadlines, timers, follow-ups) are exactly what the server writes.
final class ServerFlow {
    let store: any OrderStore
    let path: String
    let engine = WorkflowEngine(policy: testPolicy)
    private let folder: URL
    private let logger = Logger(label: "wo.reports.test", factory: { _ in SwiftLogNoOpLogHandler() })
    private var sequence = 0

    init(_ kind: FlowStore = .sqlite) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-reports-\(UUID().uuidString)")
        switch kind {
        case .sqlite:
            path = folder.appendingPathComponent("wo.sqlite").path
        case .postgres:
            let base = ProcessInfo.processInfo.environment["WO_TEST_POSTGRES_URL"] ?? "postgres://wo@127.0.0.1:55432/wo_test"
            path = base + (base.contains("?") ? "&" : "?") + "schema=reports_\(UUID().uuidString.prefix(8).lowercased())"
        }
        store = try await OrderStores.open(path, logger: logger)
    }

    func discard() async {
        try? await store.close()
        try? await OrderStores.removeScratch(path, logger: logger)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Applies one item as the writer would at `instant` (a clock that barely moves).
    private func apply(_ item: WorkItem, at instant: Instant) async throws {
        let writer = OrderWriter(store: store, engines: PolicyEngines(current: engine.policy), clock: WorkClock(scale: 0.000_001, startingAt: instant),
                                 logger: logger, onCommit: {})
        let outcomes = try await writer.apply([item])
        guard case .applied = outcomes.first else {
            Issue.record("not applied at \(instant): \(outcomes)")
            return
        }
    }

    /// Fires every timer due by `instant`, each at its own due time, as the timer service does.
    func advance(to instant: Instant) async throws {
        while let timer = try await store.dueTimers(at: instant, limit: 1).first {
            try await apply(.timer(timer), at: timer.due)
        }
    }

    /// An intake message; returns the id of the order it opened.
    @discardableResult
    func intake(_ kind: OrderKind, subject: String, room: String, fields: [String: JSONValue], at instant: Instant) async throws -> String {
        try await advance(to: instant)
        sequence += 1
        let messageID = "intake-\(sequence)"
        let request = IntakeRequest(
            kind: kind, site: "garden-court", household: Household(building: "3", unit: "2", room: room),
            owner: Owner(name: "Zhang San", phone: "13812345678"), channel: .phone, subject: subject, content: "owner's words",
            recordedBy: Actor(id: "zhao.cs", role: .cs_staff), fields: fields)
        try await apply(.intake(request, messageID: messageID,
                                original: DeadLetterOriginal(exchange: "wo.intake", routingKey: kind.rawValue, body: [], messageID: messageID)),
                        at: instant)
        return try #require(try await store.order(intakeMessageID: messageID)).id
    }

    /// A transition message from a person.
    func send(_ event: String, to order: String, by actor: Actor, _ fields: [String: JSONValue] = [:], at instant: Instant) async throws {
        try await advance(to: instant)
        sequence += 1
        let messageID = "transition-\(sequence)"
        try await apply(.transition(TransitionMessage(orderID: order, event: event, actor: actor, fields: fields), messageID: messageID,
                                    replyTo: nil, correlationID: nil,
                                    original: DeadLetterOriginal(exchange: "wo.transitions", routingKey: event, body: [], messageID: messageID)),
                        at: instant)
    }

    /// Every order of the store with its record, as the read commands load them.
    func facts(now: Instant) async throws -> [OrderFacts] {
        let orders = try await store.orders(matching: OrderFilter(site: "garden-court"))
        return try await OrderRecords.load(orders, from: store).map { OrderFacts($0, context: context(now: now)) }
    }
}
