import Foundation
import Testing
import WOTesting
import WorkOrderStore

/// One `wo serve` per store: a second one on the same store is refused, in words.
@Suite("Server: one server per store")
struct ServerClaimTests {
    @Test(.timeLimit(.minutes(5)), arguments: StoreKind.allCases)
    func secondServerOnTheSameStoreIsRefused(store kind: StoreKind) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let vhost = try await TestVhost.create()
        let location = try kind.freshLocation()
        let arguments = ["serve", "--amqp-url", vhost.urlString, "--store", location, "--log-level", "warning",
                         "--workflows", BrokerTestEnvironment.packageRoot + "/workflows"]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-claim-\(UUID().uuidString.prefix(6)).log").path
        let first = try ChildProcess(WorkerProcessTests.binary, arguments, outputPath: log)
        // SQLite: the claim file names the holder; PostgreSQL: give the first a moment.
        if kind == .sqlite {
            for _ in 0..<100 {
                if (try? String(contentsOfFile: location + ".serve-lock", encoding: .utf8))?.hasPrefix("\(first.pid)") == true { break }
                try await Task.sleep(for: .milliseconds(100))
            }
        } else {
            try await Task.sleep(for: .seconds(3))
        }
        let second = try await WorkerProcessTests.run(arguments, timeout: .seconds(30))
        #expect(second.status == 1)
        #expect(second.output.contains("another wo serve is already writing to the store"), "\(second.output)")
        // The claim comes before the server installs its signal handlers; let it finish starting.
        try await Task.sleep(for: .seconds(2))
        first.signal(SIGTERM)
        let status = await first.wait()
        #expect(status == 0, "first server exit status \(status)")
        // Once the first has stopped, the store is free again.
        let third = try ChildProcess(WorkerProcessTests.binary, arguments, outputPath: log)
        try await Task.sleep(for: .seconds(2))
        third.signal(SIGTERM)
        #expect(await third.wait() == 0)
        await vhost.delete()
    }
}
