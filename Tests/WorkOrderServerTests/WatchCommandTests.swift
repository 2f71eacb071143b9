import AMQPClient
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderServer
import WorkOrderTopology

/// Issue 14: `wo watch` follows what happens — an order opened with the task it sent, a
/// refused transition, a dead letter — through the real broker, taking nothing from
/// anyone's queue.
@Suite("wo watch: a live stream of what happens", .serialized)
struct WatchCommandTests {
    @Test(.timeLimit(.minutes(3)))
    func watchShowsOrdersRefusalsAndDeadLettersWithoutTakingMessages() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let harness = try await ServerHarness.start()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-watch-\(UUID().uuidString.prefix(8)).log").path
        let watcher = try ChildProcess(WorkerProcessTests.binary, [
            "watch", "--json", "--amqp-url", harness.vhost.urlString, "--workflows", BrokerTestEnvironment.packageRoot + "/workflows",
        ], outputPath: log)
        #expect(try await LogFile.waitFor("watching wo.events and wo.dead", in: log, timeout: .seconds(60)))

        try await harness.publishIntake(Fixtures.repairIntake(), kind: "repair", messageID: "watch-1")
        let order = try await harness.order(intake: "watch-1")
        try await harness.publishTransition(order: order, event: "completed", fields: [:], messageID: "watch-2")
        try await harness.publishRaw(Array("not json".utf8), routingKey: "repair", messageID: "watch-3")

        func entries() -> [[String: Any]] {
            LogFile.contents(log).split(separator: "\n").filter { $0.hasPrefix("{") }
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        #expect(try await harness.eventually(timeout: .seconds(30)) { entries().count >= 3 })
        let seen = entries()
        let opened = seen.first { $0["type"] as? String == "event" && $0["event"] as? String == "opened" }
        #expect(opened?["order_id"] as? String == order)
        #expect(opened?["dispatches"] as? [String] == ["engineering"])
        #expect(opened?["site"] as? String == "NJ-01")
        #expect(seen.contains { $0["type"] as? String == "rejection" && ($0["detail"] as? String)?.contains("REP-05") == true })
        #expect(seen.contains { $0["type"] as? String == "dead_letter" && ($0["detail"] as? String)?.contains("not valid JSON") == true })
        // Nothing was taken from the department or the dead-letter queue.
        #expect(try await harness.depth("wo.dispatch.engineering") == 1)
        #expect(try await harness.depth(BrokerTopology.deadLetterQueue) == 1)
        watcher.signal(SIGTERM)
        #expect(await watcher.wait() == 0)
        try await harness.stop()
    }
}
