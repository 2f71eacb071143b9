import Foundation
import Testing
import WOTesting

/// `wo campaigns` end to end on a real SQLite store: plan, record, status (the
/// binary `scripts/swift-locked build` leaves in .build/debug).
@Suite(.serialized, .timeLimit(.minutes(2)))
struct CampaignsCommandTests {
    static let binary = BrokerTestEnvironment.packageRoot + "/.build/debug/wo"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-campaigns-\(UUID().uuidString.prefix(8))")

    /// Runs `wo campaigns ARGS` and returns its exit status and output (stdout and stderr).
    func wo(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let log = folder.appendingPathComponent("out-\(UUID().uuidString.prefix(8)).txt").path
        var environment = ProcessInfo.processInfo.environment
        environment["WO_STORE"] = folder.appendingPathComponent("wo.sqlite").path
        environment["WO_WORKFLOWS"] = BrokerTestEnvironment.packageRoot + "/workflows"
        let child = try ChildProcess(Self.binary, ["campaigns"] + arguments + ["--site", "garden-court"],
                                     environment: environment, outputPath: log)
        let status = await child.wait()
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func SAT_02_RPT_02_planRecordAndStatusThroughTheStore() async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = (1...250).map { "\($0 / 50 + 1)-\($0 / 25 % 2 + 1)-\($0 % 25 + 1)" }
        let households = folder.appendingPathComponent("households.txt").path
        try list.joined(separator: "\n").write(toFile: households, atomically: true, encoding: .utf8)
        let returned = folder.appendingPathComponent("returned.txt").path
        try list.prefix(110).joined(separator: "\n").write(toFile: returned, atomically: true, encoding: .utf8)

        let plan = try await wo(["plan", "visits", "--month", "2026-06", "--households", households, "--from", "2026-06-01 00:00", "--seed", "1"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.output.contains("quota 4% = 10 visits"))
        #expect(try await wo(["plan", "visits", "--month", "2026-06", "--households", households]).status != 0)
        #expect(try await wo(["record", "visit", "--month", "2026-06", "--household", list[0], "--by", "li.cs", "--at", "2026-06-10 21:30"]).status == 0)
        let twice = try await wo(["record", "visit", "--month", "2026-06", "--household", list[0], "--by", "li.cs", "--at", "2026-06-11 10:00"])
        #expect(twice.status != 0)
        #expect(twice.output.contains("no household twice"))
        let late = try await wo(["record", "visit", "--month", "2026-06", "--household", list[1], "--by", "li.cs", "--at", "2026-06-11 22:00"])
        #expect(late.status != 0)
        #expect(late.output.contains("22:00"))

        #expect(try await wo(["plan", "survey", "--half", "2026-H1", "--households", households]).status == 0)
        let back = try await wo(["record", "survey-return", "--half", "2026-H1", "--households", returned, "--by", "li.cs", "--at", "2026-06-20 10:00"])
        #expect(back.status == 0, "\(back.output)")

        let status = try await wo(["status", "--month", "2026-06", "--json"])
        #expect(status.status == 0, "\(status.output)")
        let report = try json(status.output)
        let visits = try #require(report["visits"] as? [String: Any])
        let quota = try #require(visits["quota"] as? [String: Any])
        #expect(quota["visitedHouseholds"] as? Int == 1)
        #expect(quota["isMet"] as? Bool == false)
        let survey = try #require(report["survey"] as? [String: Any])
        let returns = try #require(survey["returns"] as? [String: Any])
        #expect(returns["returnPercent"] as? Double == 44)
        #expect(returns["penaltyPoints"] as? Double == 80)
    }
}
