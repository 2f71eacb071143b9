import Foundation
import GRDB
import Logging
import ServiceLifecycle
import Testing
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderStore
@testable import WorkOrderServer

/// Issue 13: the single writer as one run loop (`WriterLoop`), tested on real SQLite with
/// no broker and a clock given as a value: batches submitted at once are committed one at
/// a time, each seeing the one before (no change is lost), every caller is answered, and a
/// graceful stop applies what was submitted before it. The next batch is prepared while
/// one commits, and kept only when the two share no order.
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

    /// Submits each batch from its own task and returns once all of them wait in the
    /// loop's stream, so the loop (started after) finds a known queue.
    func submitAll(_ batches: [[WorkItem]], to loop: WriterLoop) async -> Task<[[WorkOutcome]], any Error> {
        let tasks = batches.map { items in Task { try await loop.apply(items) } }
        while loop.unanswered < batches.count { await Task.yield() }
        return Task {
            var all: [[WorkOutcome]] = []
            for task in tasks { all.append(try await task.value) }
            return all
        }
    }

    /// Runs the loop on batches all queued before it starts; returns their outcomes once
    /// all are committed, the loop stopped.
    func runQueued(_ batches: [[WorkItem]], on loop: WriterLoop) async throws -> [[WorkOutcome]] {
        let results = await submitAll(batches, to: loop)
        let running = Task { try await loop.run() }
        let outcomes = try await results.value
        running.cancel()
        _ = try? await running.value
        return outcomes
    }

    static func applied(_ outcomes: [[WorkOutcome]]) -> Bool {
        outcomes.joined().allSatisfy { if case .applied = $0 { true } else { false } }
    }

    @Test func batchesOnOtherOrdersArePreparedWhileTheOneBeforeCommits() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in
            var orders: [String] = []
            for room in 0..<8 {
                orders.append(try await flow.intake(.repair, subject: "tap", room: "6\(room)", fields: StoreFlowTests.repairFields, at: t0))
            }
            let loop = loop(on: flow)
            let outcomes = try await runQueued(orders.enumerated().map { [Self.repeatReport($1, $0)] }, on: loop)
            #expect(Self.applied(outcomes), "\(outcomes)")
            // The first is prepared alone; each of the seven others while the one before committed.
            #expect(loop.statistics == WriterLoop.Statistics(preparedAhead: 7, preparedAgain: 0))
            for order in orders {
                #expect(try await flow.store.order(id: order)?.links.filter { $0.relation == .repeat_report_of }.count == 1)
            }
        }
    }

    @Test func aBatchPreparedBesideACommitOfTheSameOrderIsPreparedAgain() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in
            let order = try await flow.intake(.repair, subject: "tap", room: "701", fields: StoreFlowTests.repairFields, at: t0)
            let other = try await flow.intake(.repair, subject: "tap", room: "702", fields: StoreFlowTests.repairFields, at: t0)
            let loop = loop(on: flow)
            // order, order, other, order: the second and the fourth were prepared while a
            // batch of the same order committed; kept, they would write a copy without its link.
            let targets = [order, order, other, order]
            let outcomes = try await runQueued(targets.enumerated().map { [Self.repeatReport($1, $0)] }, on: loop)
            #expect(Self.applied(outcomes), "\(outcomes)")
            #expect(loop.statistics == WriterLoop.Statistics(preparedAhead: 2, preparedAgain: 1))
            #expect(try await flow.store.order(id: order)?.links.filter { $0.relation == .repeat_report_of }.count == 3)
            #expect(try await flow.store.order(id: other)?.links.filter { $0.relation == .repeat_report_of }.count == 1)
        }
    }

    static func repairIntake(room: String, _ id: String) -> [WorkItem] {
        let request = IntakeRequest(
            kind: .repair, site: "garden-court", household: Household(building: "3", unit: "2", room: room),
            owner: Owner(name: "Zhang San", phone: "13812345678"), channel: .phone, subject: "tap", content: "owner's words",
            recordedBy: Actor(id: "zhao.cs", role: .cs_staff), fields: StoreFlowTests.repairFields)
        return [.intake(request, messageID: id, original: DeadLetterOriginal(exchange: "wo.intake", routingKey: "repair", body: [], messageID: id))]
    }

    @Test func IN_04_intakesOfOneHouseholdArePreparedAgainAndEachSeesTheOnesBefore() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in
            let loop = loop(on: flow)
            // One household, one subject: each intake is a repeat of every one before it,
            // which it sees only if prepared after their commits.
            let outcomes = try await runQueued((0..<4).map { Self.repairIntake(room: "801", "same-household-\($0)") }, on: loop)
            #expect(Self.applied(outcomes), "\(outcomes)")
            #expect(loop.statistics == WriterLoop.Statistics(preparedAhead: 0, preparedAgain: 3))
            var earlier: [String] = []
            for index in 0..<4 {
                let order = try #require(try await flow.store.order(intakeMessageID: "same-household-\(index)"))
                #expect(Set(order.links.filter { $0.relation == .repeat_report_of }.map(\.order)) == Set(earlier))
                earlier.append(order.id)
            }
        }
    }

    @Test func intakesOfOtherHouseholdsArePreparedWhileTheOneBeforeCommits() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in
            let loop = loop(on: flow)
            let outcomes = try await runQueued((0..<4).map { Self.repairIntake(room: "81\($0)", "other-household-\($0)") }, on: loop)
            #expect(Self.applied(outcomes), "\(outcomes)")
            #expect(loop.statistics == WriterLoop.Statistics(preparedAhead: 3, preparedAgain: 0))
            var ids: Set<String> = []
            for index in 0..<4 {
                let order = try #require(try await flow.store.order(intakeMessageID: "other-household-\(index)"))
                #expect(order.links.isEmpty)
                ids.insert(order.id)
            }
            #expect(ids.count == 4)
        }
    }

    @Test func aBatchThatFollowsAFailedOneIsRefusedUnread() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in
            let order = try await flow.intake(.repair, subject: "tap", room: "851", fields: StoreFlowTests.repairFields, at: t0)
            let other = try await flow.intake(.repair, subject: "tap", room: "852", fields: StoreFlowTests.repairFields, at: t0)
            // A real SQLite trigger refuses every write of the first order: its batch fails.
            try await DatabaseQueue(path: flow.path).write { db in
                try db.execute(sql: "CREATE TRIGGER refuse_first BEFORE INSERT ON orders WHEN NEW.id = '\(order)' BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END")
            }
            let loop = loop(on: flow)
            let first = loop.enqueue([Self.repeatReport(order, 1)])
            let second = loop.enqueue([Self.repeatReport(other, 2)], after: first)
            let third = loop.enqueue([Self.repeatReport(other, 3)], after: second)
            let fourth = loop.enqueue([Self.repeatReport(other, 4)])
            let running = Task { try await loop.run() }
            await #expect { try await loop.outcome(of: first) } throws: { "\($0)".contains("refused by the test trigger") }
            // The second named the first, the third the second: neither is read.
            await #expect(throws: WriterLoop.PredecessorFailed.self) { try await loop.outcome(of: second) }
            await #expect(throws: WriterLoop.PredecessorFailed.self) { try await loop.outcome(of: third) }
            // The fourth named none.
            #expect(Self.applied([try await loop.outcome(of: fourth)]))
            #expect(try await flow.store.order(id: order)?.links.isEmpty == true)
            #expect(try await flow.store.order(id: other)?.links.map(\.order) == ["X-4"])
            running.cancel()
            _ = try? await running.value
        }
    }

    @Test func aGracefulEndAppliesWhatWasQueuedAndPreparedAhead() async throws {
        try await StoreFlowTests().withFlow(.sqlite) { flow in
            var orders: [String] = []
            for room in 0..<3 {
                orders.append(try await flow.intake(.repair, subject: "tap", room: "9\(room)", fields: StoreFlowTests.repairFields, at: t0))
            }
            let loop = loop(on: flow)
            let results = await submitAll(orders.enumerated().map { [Self.repeatReport($1, $0)] }, to: loop)
            // Shut down gracefully with the three queued: all three are still committed.
            let group = ServiceGroup(configuration: .init(services: [loop], logger: Self.logger))
            let running = Task { try await group.run() }
            await group.triggerGracefulShutdown()
            try await running.value
            #expect(Self.applied(try await results.value))
            for order in orders {
                #expect(try await flow.store.order(id: order)?.links.count == 1)
            }
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
