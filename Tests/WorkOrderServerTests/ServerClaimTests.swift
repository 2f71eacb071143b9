import Foundation
import Testing
import WOTesting
import WorkOrderStore

/// One `wo serve` per store: a second one on the same store is refused, in words.
@Suite("Server: one server per store")
struct ServerClaimTests {
    @Test(.timeLimit(.minutes(2)), arguments: StoreKind.allCases)
    func secondServerOnTheSameStoreIsRefused(store kind: StoreKind) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let vhost = try await TestVhost.create()
        let location = try kind.freshLocation()
        let arguments = ["serve", "--amqp-url", vhost.urlString, "--store", location, "--log-level", "warning",
                         "--workflows", BrokerTestEnvironment.packageRoot + "/workflows"]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-claim-\(UUID().uuidString.prefix(6)).log").path
        let first = try ChildProcess(WorkerProcessTests.binary, arguments, outputPath: log)
        // The first server is up once it has migrated and claimed the store.
        var second = (status: Int32(0), output: "")
        for _ in 0..<40 {
            second = try await WorkerProcessTests.run(arguments)
            if second.output.contains("one server per store") { break }
            try await Task.sleep(for: .milliseconds(250))
        }
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
