import Foundation
import Testing
@testable import WorkOrderStore

struct StoreLocationTests {
    @Test func postgresURLsAndFilePaths() throws {
        #expect(try StoreLocation("var/data/wo.sqlite") == .sqlite(path: "var/data/wo.sqlite"))
        #expect(try StoreLocation("/tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        let url = try PostgresURL("postgres://wo:s3cret@db.local:6543/orders?schema=site_a")
        #expect(url == PostgresURL(host: "db.local", port: 6543, user: "wo", password: "s3cret", database: "orders", schema: "site_a"))
        #expect(try StoreLocation("postgresql://wo@127.0.0.1/wo") == .postgres(PostgresURL(host: "127.0.0.1", user: "wo", database: "wo")))
    }

    @Test func passwordsAreNeverShown() throws {
        let url = try PostgresURL("postgres://wo:s3cret@db.local:6543/orders")
        #expect(url.description == "postgres://wo:***@db.local:6543/orders")
        #expect(try StoreLocation("postgres://wo:s3cret@db.local/orders").description.contains("s3cret") == false)
        do {
            _ = try PostgresURL("postgres://wo:s3cret@db.local:6543")
            Issue.record("a URL without a database was accepted")
        } catch {
            #expect(!"\(error)".contains("s3cret"))
            #expect("\(error)".contains("database"))
        }
        #expect(throws: StoreError.self) { try PostgresURL("postgres://db.local/orders") }
        #expect(throws: StoreError.self) { try PostgresURL("postgres://wo@db.local/orders?schema=Robert;DROP") }
    }

    @Test func readOnlyNeedsAnExistingFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-missing-\(UUID().uuidString)")
        do {
            _ = try await OrderStores.open(folder.appendingPathComponent("wo.sqlite").path, readOnly: true, logger: testLogger)
            Issue.record("opened a store in a missing folder")
        } catch let StoreError.cannotOpen(_, reason) {
            #expect(reason.contains("no such folder"))
        }
    }

    @Test func refusedPostgresIsACannotOpen() async throws {
        // Port 1 on loopback: nothing listens there.
        do {
            _ = try await OrderStores.open("postgres://wo:pw@127.0.0.1:1/wo", logger: testLogger)
            Issue.record("connected to nothing")
        } catch let StoreError.cannotOpen(location, reason) {
            #expect(!location.contains(":pw@"))
            #expect(reason.contains("cannot connect"))
        }
    }
}
