import Foundation
import Testing
import WOTesting
import WorkOrderStore

/// The real `wo serve` records its policy version and refuses files that changed under
/// an unchanged `version:`.
@Suite("Server: wo serve and policy versions")
struct ServePolicyVersionTests {
    static var refusal: String {
        "the policy files changed (repair.yaml) but version: in policy.yaml is still \"\(PolicyFolders.currentVersion)\", "
            + "so orders opened under \(PolicyFolders.currentVersion) would change rules silently; bump version: in policy.yaml"
    }

    @Test(.timeLimit(.minutes(5)), arguments: StoreKind.allCases)
    func changedFilesWithAnUnchangedVersionAreRefused(store kind: StoreKind) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let vhost = try await TestVhost.create()
        let location = try kind.freshLocation()
        let folder = try PolicyFolders.copy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["serve", "--sender-check", "development", "--amqp-url", vhost.urlString, "--store", location, "--log-level", "info", "--workflows", folder]

        try await Self.serveUntilReady(arguments)
        let recorded = try #require(try await Self.recordedFiles(location, version: PolicyFolders.currentVersion))
        #expect(recorded["repair.yaml"]?.contains("immediate_on_site_within: 15m") == true)
        // The same files again: nothing to refuse.
        try await Self.serveUntilReady(arguments)

        try PolicyFolders.edit(folder, "repair.yaml", "immediate_on_site_within: 15m", "immediate_on_site_within: 20m")
        let refused = try await WorkerProcessTests.run(arguments, timeout: .seconds(120))
        #expect(refused.status == 1)
        let lines = refused.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("wo: " + Self.refusal), "\(refused.output)")
        #expect(!refused.output.contains("server ready"))
        #expect(try await Self.recordedFiles(location, version: PolicyFolders.currentVersion) == recorded)

        // With the version bumped the edited files run, and both versions are kept.
        try PolicyFolders.edit(folder, "policy.yaml", "version: \"\(PolicyFolders.currentVersion)\"", "version: \"next\"")
        try await Self.serveUntilReady(arguments)
        #expect(try await Self.recordedFiles(location, version: "next")?["repair.yaml"]?.contains("immediate_on_site_within: 20m") == true)
        #expect(try await Self.recordedFiles(location, version: PolicyFolders.currentVersion) == recorded)
        await vhost.delete()
    }

    /// Starts `wo serve`, waits until it says it is ready, then stops it with SIGTERM.
    static func serveUntilReady(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-serve-\(UUID().uuidString.prefix(6)).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let server = try ChildProcess(WorkerProcessTests.binary, arguments, outputPath: log)
        let ready = try await LogFile.waitFor("server ready", in: log, timeout: .seconds(120))
        server.signal(SIGTERM)
        let status = await server.wait()
        let output = LogFile.contents(log)
        #expect(ready, "wo serve never got ready: \(output)", sourceLocation: sourceLocation)
        #expect(status == 0, "wo serve exit status \(status): \(output)", sourceLocation: sourceLocation)
    }

    /// The files the store holds for `version`, read as the supervisor commands read.
    static func recordedFiles(_ location: String, version: String) async throws -> [String: String]? {
        let store = try await OrderStores.open(location, readOnly: true, logger: ServerHarness.logger)
        let files = try await store.policyVersion(version)?.files
        try await store.close()
        return files
    }
}
