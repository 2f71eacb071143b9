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

/// The supervisors' steering commands, as real `wo` processes against a real server.
@Suite("Supervisor CLI: classify, extend, escalate, dead-letters")
struct SteeringCommandTests {
    static func complaintIntake() -> [String: Any] {
        [
            "schema_version": 1, "kind": "complaint", "site": "NJ-01",
            "household": ["building": "5", "unit": "2", "room": "301"],
            "owner": ["name": "王五", "phone": "13912345678"], "channel": "phone",
            "subject": "neighbour_behaviour", "content": "renovation noise after 22:00", "fields": [:] as [String: Any],
        ]
    }

    @Test(.timeLimit(.minutes(5)))
    func CMP_14_classifyThenExtendThenEscalateThroughTheCLI() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let server = try await ServerHarness.start()
        try await server.publishIntake(Self.complaintIntake(), kind: "complaint", messageID: "cmp-cli")
        let order = try await server.order(intake: "cmp-cli")
        let url = ["--amqp-url", server.vhost.urlString]

        let classified = try await WorkerProcessTests.run(["classify", order, "valid", "--severity", "minor", "--by", "sup-1"] + url)
        #expect(classified.status == 0, "\(classified.output)")
        #expect(classified.output.contains("accepted: \(order) classified → awaiting_contact"))

        // Only a grantor the policy names may extend (CMP-14): a technician is refused.
        let refused = try await WorkerProcessTests.run([
            "extend", order, "--deadline", "+5d", "--granted-by", "tech-1", "--role", "technician", "--reason", "parts"] + url)
        #expect(refused.status == 2)
        #expect(refused.output.contains("[CMP-14]"))
        let extended = try await WorkerProcessTests.run([
            "extend", order, "--deadline", "+5d", "--granted-by", "dir-1", "--reason", "parts on order"] + url)
        #expect(extended.status == 0, "\(extended.output)")
        let history = try await server.store.history(orderID: order)
        #expect(history.contains { $0.event == "extension_granted" && $0.actor.hasPrefix("dir-1") })

        let escalated = try await WorkerProcessTests.run([
            "escalate", order, "--to", "gm", "--reason", "owner threatens to go to the press", "--level", "3",
            "--by", "dir-1", "--role", "site_director"] + url)
        #expect(escalated.status == 0, "\(escalated.output)")
        var escalation: FollowupMessage?
        for _ in 0..<10 where escalation == nil {
            let deliveries = try await server.take(1, from: BrokerTopology.followupsQueue)
            escalation = try deliveries.map { try FollowupMessage.decode($0.body) }.first { $0.type == .escalation && $0.role == .gm }
        }
        #expect(escalation?.level == 3)
        #expect(escalation?.reason == "owner threatens to go to the press")
        try await server.stop()
    }

    @Test(.timeLimit(.minutes(5)))
    func deadLettersAreListedShownAndReplayedCorrected() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let server = try await ServerHarness.start()
        var bad = Fixtures.repairIntake(category: "other")
        bad.removeValue(forKey: "site")
        try await server.publishIntake(bad, kind: "repair", messageID: "no-site")
        #expect(try await server.eventually { try await server.depth(BrokerTopology.deadLetterQueue) == 1 })
        let url = ["--amqp-url", server.vhost.urlString]

        let list = try await WorkerProcessTests.run(["dead-letters", "list"] + url)
        #expect(list.status == 0)
        #expect(list.output.contains("no-site") && list.output.contains("missing field 'site'"))
        let show = try await WorkerProcessTests.run(["dead-letters", "show", "no-site", "--json"] + url)
        let letter = try JSONDecoder().decode(DeadLetter.self, from: Data(show.output.utf8))
        #expect(letter.original_exchange == BrokerTopology.intakeExchange && letter.original_routing_key == "repair")
        // Listing and showing leave it where it was.
        #expect(try await server.depth(BrokerTopology.deadLetterQueue) == 1)

        let corrected = FileManager.default.temporaryDirectory.appendingPathComponent("corrected-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: Fixtures.repairIntake(category: "other")).write(to: corrected)
        let replay = try await WorkerProcessTests.run([
            "dead-letters", "replay", "no-site", "--body", corrected.path, "--by", "it-1", "--reason", "site was missing"] + url)
        #expect(replay.status == 0, "\(replay.output)")
        let replayID = try #require(replay.output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(replayID.hasPrefix("no-site/replay-"))
        let order = try await server.order(intake: replayID)
        #expect(try await server.store.order(id: order)?.site == "NJ-01")
        #expect(try await server.depth(BrokerTopology.deadLetterQueue) == 0)

        let missing = try await WorkerProcessTests.run(["dead-letters", "show", "no-such-id"] + url)
        #expect(missing.status == 1 && missing.output.contains("no dead letter with message id 'no-such-id'"))
        try await server.stop()
    }
}

/// CMP-02 through the broker: complaints about the same event from five households of a
/// site within the window become a collective complaint, even when they arrive together.
@Suite("Server: collective complaints")
struct CollectiveComplaintFlowTests {
    @Test(.timeLimit(.minutes(5)), arguments: [false, true])
    func CMP_02_fiveHouseholdsMakeACollectiveComplaint(together: Bool) async throws {
        let server = try await ServerHarness.start()
        for room in 1...5 {
            var intake = SteeringCommandTests.complaintIntake()
            intake["household"] = ["building": "7", "unit": "1", "room": "\(room)01"]
            try await server.publishIntake(intake, kind: "complaint", messageID: "coll-\(room)")
            // One at a time, or all in one burst (one batch of the writer).
            if !together { _ = try await server.order(intake: "coll-\(room)") }
        }
        let fifth = try await server.order(intake: "coll-5")
        let history = try await server.store.history(orderID: fifth)
        #expect(history.contains { $0.detail == "collective complaint: 5 households" }, "\(history.map(\.detail))")
        #expect(try await server.deadlines(fifth, "collective_report").count == 1)
        let first = try await server.order(intake: "coll-1")
        #expect(try await server.deadlines(first, "collective_report").isEmpty)
        try await server.stop()
    }
}
