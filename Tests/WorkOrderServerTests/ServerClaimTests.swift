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
        let arguments = ["serve", "--sender-check", "development", "--amqp-url", vhost.urlString, "--store", location, "--log-level", "info",
                         "--workflows", BrokerTestEnvironment.packageRoot + "/workflows"]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-claim-\(UUID().uuidString.prefix(6)).log").path
        let first = try ChildProcess(WorkerProcessTests.binary, arguments, outputPath: log)
        // "server ready" is logged after the claim: only then is the store surely taken
        // (a fixed pause was too short for PostgreSQL on a loaded CI machine).
        try #require(await LogFile.waitFor("server ready", in: log, timeout: .seconds(120)), "\(LogFile.contents(log))")
        let second = try await WorkerProcessTests.run(arguments, timeout: .seconds(90))
        #expect(second.status == 1)
        #expect(second.output.contains("another wo serve is already writing to the store"), "\(second.output)")
        first.signal(SIGTERM)
        let status = await first.wait()
        #expect(status == 0, "first server exit status \(status)")
        // Once the first has stopped, the store is free again.
        try await ServePolicyVersionTests.serveUntilReady(arguments)
        try? FileManager.default.removeItem(atPath: log)
        await vhost.delete()
    }
}
