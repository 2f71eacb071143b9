import Foundation
import Logging
import Testing
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore
@testable import WorkOrderServer

/// Issue 13: the single writer as one run loop (`WriterLoop`), tested on real SQLite with
/// no broker and a clock given as a value: batches submitted at once are applied one at a
/// time, each seeing the one before (no change is lost), every caller is answered, and a
/// graceful stop applies what was submitted before it.
@Suite(.serialized) struct WriterLoopTests {
    static let logger = Logger(label: "test.writer-loop", factory: { _ in SwiftLogNoOpLogHandler() })

    static func repeatReport(_ order: String, _ index: Int) -> WorkItem {
        let message = TransitionMessage(orderID: order, event: "repeat_reported", actor: Actor(id: "cs-1", role: .cs_staff),
                                        fields: ["order": .string("X-\(index)")])
        return .transition(message, messageID: "repeat-\(index)", replyTo: nil, correlationID: nil,
                           original: DeadLetterOriginal(exchange: "wo.transitions", routingKey: "task.repeat_reported", body: [], messageID: "repeat-\(index)"))
    }

    func loop(on flow: ServerFlow) -> WriterLoop {
        WriterLoop(writer: OrderWriter(
            store: flow.store, engines: PolicyEngines(current: flow.engine.policy), clock: WorkClock(scale: 0.000_001, startingAt: at(minutes: 1)),
            logger: Self.logger, onCommit: {}))
    }

    @Test func concurrentSubmissionsAreAppliedOneAtATimeAndNoChangeIsLost() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in
            let order = try await flow.intake(.repair, subject: "tap", room: "501", fields: StoreFlowTests.repairFields, at: t0)
            let loop = loop(on: flow)
            let running = Task { try await loop.run() }
            // Forty submitters at once, each adding a link to the same order: a batch that
            // read the order before another's commit would write back a copy without it.
            let outcomes = try await withThrowingTaskGroup(of: [WorkOutcome].self) { group in
                for index in 0..<40 { group.addTask { try await loop.apply([Self.repeatReport(order, index)]) } }
                var all: [WorkOutcome] = []
                for try await batch in group { all += batch }
                return all
            }
            #expect(outcomes.count == 40)
            #expect(outcomes.allSatisfy { if case .applied = $0 { true } else { false } }, "\(outcomes)")
            let stored = try #require(try await flow.store.order(id: order))
            #expect(stored.links.filter { $0.relation == .repeat_report_of }.count == 40)
            // A message applied once is a duplicate when it comes again.
            #expect(try await loop.apply([Self.repeatReport(order, 7)]) == [.duplicate])
            running.cancel()
            _ = try? await running.value
        }
    }

    @Test func aSubmissionAfterTheLoopEndedIsRefusedNotLeftWaiting() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in
            let order = try await flow.intake(.repair, subject: "tap", room: "502", fields: StoreFlowTests.repairFields, at: t0)
            let loop = loop(on: flow)
            let running = Task { try await loop.run() }
            #expect(try await loop.apply([Self.repeatReport(order, 1)]).count == 1)
            running.cancel()
            _ = try? await running.value
            await #expect(throws: CancellationError.self) { try await loop.apply([Self.repeatReport(order, 2)]) }
            #expect(try await flow.store.order(id: order)?.links.count == 1)
        }
    }
}
