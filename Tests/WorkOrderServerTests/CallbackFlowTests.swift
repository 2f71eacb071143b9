import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology
import WorkOrderWorkers

/// Issue 5 end to end through the real broker: the server with its clock 21,600× faster
/// (a day passes in 4 s), a simulated engineering department, and the test playing the
/// call-back desk with `TransitionClient`, as `wo task` does.
@Suite("Workers: call-backs on schedule through the broker", .serialized)
struct CallbackFlowTests {
    static let scale = 21_600.0
    static let day: Int64 = 86_400_000
    /// A fired timer is late by the poll interval and the hop, times the scale: 0.8 s of
    /// real time has been seen with every suite running beside it, which is 4.8 hours
    /// here. The bound is kept under a day, the least the schedules below differ by, so
    /// a call-back of the wrong round still fails; the exact due times are checked
    /// separately, through the armed deadlines.
    static let lateness: Int64 = 23 * 3_600_000

    @Test(.timeLimit(.minutes(5)))
    func CB_01_emergencyRepairGetsBothCallBacksOnSchedule() async throws {
        let server = try await ServerHarness.start(timeScale: Self.scale)
        let engineering = try await WorkerHarness.simulatedDepartment(.engineering, on: server, timeScale: Self.scale)
        try await server.publishIntake(Fixtures.repairIntake(category: "emergency"), kind: "repair", messageID: "cb01")
        let order = try await server.order(intake: "cb01")

        let first = try await server.nextCallback(for: order)
        let completed = try #require(try await server.historyTime(order, "completed"))
        #expect(first.round == 1)
        #expect(try await server.deadlines(order, "callback").first == completed + Self.day)
        #expect((completed + Self.day)...(completed + Self.day + Self.lateness) ~= first.atMs)
        #expect(first.script?.map(\.step) == CallbackScriptStep.allCases.map(\.rawValue))
        #expect(try await server.answer(first, satisfaction: "satisfied").status == .accepted)

        // The second call-back counts two days from the first one's due time.
        let second = try await server.nextCallback(for: order)
        #expect(second.round == 2)
        #expect(try await server.deadlines(order, "callback").last == completed + 3 * Self.day)
        #expect((completed + 3 * Self.day)...(completed + 3 * Self.day + Self.lateness) ~= second.atMs)
        #expect(try await server.answer(second, satisfaction: "very_satisfied").state == "closed")
        try await engineering.stop()
        try await server.stop()
    }

    @Test(.timeLimit(.minutes(5)))
    func CB_02_leakRepairCallBackCountsFromTheLeakTest() async throws {
        let server = try await ServerHarness.start(timeScale: Self.scale)
        // Half a second between steps: the leak test comes hours (scaled) after completion.
        let engineering = try await WorkerHarness.simulatedDepartment(
            .engineering, on: server, timeScale: Self.scale, stepDelay: .milliseconds(500))
        try await server.publishIntake(Fixtures.repairIntake(category: "leak"), kind: "repair", messageID: "cb02")
        let order = try await server.order(intake: "cb02")

        let call = try await server.nextCallback(for: order)
        let completed = try #require(try await server.historyTime(order, "completed"))
        let tested = try #require(try await server.historyTime(order, "leak_test_passed"))
        #expect(tested > completed)
        #expect(try await server.deadlines(order, "callback").first == tested + 3 * Self.day)
        #expect((tested + 3 * Self.day)...(tested + 3 * Self.day + Self.lateness) ~= call.atMs)
        #expect(try await server.answer(call, satisfaction: "satisfied").state == "closed")
        try await engineering.stop()
        try await server.stop()
    }

    @Test(.timeLimit(.minutes(5)))
    func CB_06_dissatisfiedAnswerOpensRectificationAndANewCallBack() async throws {
        let server = try await ServerHarness.start(timeScale: Self.scale)
        let engineering = try await WorkerHarness.simulatedDepartment(.engineering, on: server, timeScale: Self.scale)
        try await server.publishIntake(Fixtures.repairIntake(category: "other"), kind: "repair", messageID: "cb06")
        let order = try await server.order(intake: "cb06")

        let first = try await server.nextCallback(for: order)
        #expect(try await server.answer(first, satisfaction: "dissatisfied").state == "calling_back")
        // The simulated engineers get the rectification task and report it done; a new call-back follows.
        let second = try await server.nextCallback(for: order)
        #expect(second.round == 2)
        let rectified = try #require(try await server.historyTime(order, "rectified"))
        #expect((rectified + Self.day)...(rectified + Self.day + Self.lateness) ~= second.atMs)
        #expect(engineering.lines.all.contains { $0.contains("rectify:") && $0.contains("rectified") })
        #expect(try await server.answer(second, satisfaction: "satisfied").state == "closed")
        try await engineering.stop()
        try await server.stop()
    }
}

extension Fixtures {
    static func repairIntake(category: String) -> [String: Any] {
        var intake = repairIntake(subject: "\(category) repair")
        intake["fields"] = ["mode": "immediate", "category": category]
        return intake
    }
}

extension ServerHarness {
    func order(intake messageID: String) async throws -> String {
        var id: String?
        _ = try await eventually { id = try await store.order(intakeMessageID: messageID)?.id; return id != nil }
        return try #require(id, "no order for intake \(messageID)")
    }

    /// The next call-back task for `order` on wo.followups; other follow-ups are skipped.
    func nextCallback(for order: String, timeout: Duration = .seconds(60)) async throws -> FollowupMessage {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for delivery in try await take(1, from: BrokerTopology.followupsQueue, timeout: timeout) {
                let task = try FollowupMessage.decode(delivery.body)
                if task.isCallback && task.orderID == order { return task }
            }
        }
        throw HarnessError("no call-back for \(order) within \(timeout)")
    }

    /// The call-back desk's answer, sent as `wo task` sends it.
    func answer(_ call: FollowupMessage, satisfaction: String) async throws -> TransitionReply {
        let step = StaffStep(event: "callback_reached", actor: Actor(id: "cs-3", role: .cs_staff), fields: [
            "form": .string("phone"), "script_followed": .bool(true), "satisfaction": .string(satisfaction),
        ])
        return try await TransitionClient.with(connection: connection, logger: Self.logger) { client in
            try await client.send(orderID: call.orderID, step: step, messageID: "answer-\(call.orderID)-\(call.round ?? 0)")
        }
    }

    /// When the order's history first records `event`, in ms.
    func historyTime(_ order: String, _ event: String) async throws -> Int64? {
        try await store.history(orderID: order).first { $0.event == event }?.at.millisecondsSinceEpoch
    }

    /// The due times (ms) the server set for `purpose`, oldest first.
    func deadlines(_ order: String, _ purpose: String) async throws -> [Int64] {
        try await store.history(orderID: order).filter { $0.event == "deadline_set" }.compactMap { record in
            let parts = record.detail.split(separator: " ")
            return parts.first.map(String.init) == purpose ? parts.last.flatMap { Int64($0) } : nil
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// CB schedules are durable: a call-back that falls due while the server is down is
/// sent once when it starts again (real clock, a 3-second schedule).
@Suite("Workers: call-backs survive a server restart")
struct CallbackRestartTests {
    @Test(.timeLimit(.minutes(5)), arguments: StoreKind.allCases)
    func callBackDueDuringDowntimeIsSentOnceOnStart(store kind: StoreKind) async throws {
        var policy = TestPolicy.policy
        policy.callbacks.schedules[.repair_other] = [CallbackRound(after: .elapsed(.seconds(3)))]
        let first = try await ServerHarness.start(store: kind, policy: policy)
        let engineering = try await WorkerHarness.simulatedDepartment(.engineering, on: first, timeScale: 1)
        try await first.publishIntake(Fixtures.repairIntake(category: "other"), kind: "repair", messageID: "restart-1")
        let order = try await first.order(intake: "restart-1")
        #expect(try await first.eventually { try await first.store.order(id: order)?.stateName == "calling_back" })
        try await engineering.stop()
        try await first.stop(keepVhost: true)

        try await Task.sleep(for: .seconds(4))
        let second = try await ServerHarness.start(store: kind, policy: policy, vhost: first.vhost, location: first.storeLocation)
        let call = try await second.nextCallback(for: order, timeout: .seconds(60))
        #expect(call.round == 1)
        // Once: nothing else for this order arrives.
        try await Task.sleep(for: .seconds(2))
        #expect(try await second.depth(BrokerTopology.followupsQueue) == 0)
        #expect(try await second.store.history(orderID: order).filter { $0.event == "callback_task" }.count == 1)
        try await second.stop()
    }
}
