import Foundation
import Testing
import WOTesting
import WorkOrderStore

/// `wo backup` as the real binary: a copy, a refusal to overwrite, PostgreSQL pointed to pg_dump.
@Suite("CLI: wo backup")
struct BackupCommandTests {
    @Test(.timeLimit(.minutes(2)))
    func backupWritesACopyAndNeverOverwrites() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let location = try StoreKind.sqlite.freshLocation()
        try await OrderStores.open(location, logger: ServerHarness.logger).close()
        let target = location + ".backup"
        defer { for path in [location, target] { try? FileManager.default.removeItem(atPath: path) } }

        let first = try await WorkerProcessTests.run(["backup", "--store", location, "--to", target, "--json"])
        #expect(first.status == 0, "\(first.output)")
        let summary = try JSONDecoder().decode(SQLiteBackup.self, from: Data(first.output.utf8))
        #expect(summary.orders == 0 && summary.schemaVersion == SQLiteOrderStore.schemaVersion && summary.target == target)
        try await OrderStores.open(target, readOnly: true, logger: ServerHarness.logger).close()

        let again = try await WorkerProcessTests.run(["backup", "--store", location, "--to", target])
        #expect(again.status == 1)
        #expect(again.output.contains("already exists"), "\(again.output)")

        let postgres = try await WorkerProcessTests.run(["backup", "--store", "postgres://wo@127.0.0.1:55432/wo?schema=site1", "--to", target])
        #expect(postgres.status == 1)
        #expect(postgres.output.contains("pg_dump -d wo --schema=site1"), "\(postgres.output)")
    }
}
