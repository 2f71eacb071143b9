import ArgumentParser
import Foundation
import Logging
import WorkOrderStore

/// `wo backup --to FILE`: a consistent copy of the SQLite store, taken while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the SQLite store to a new file, consistent as of one moment, while wo serve keeps running.",
        discussion: """
            Restore by stopping wo serve and putting the copy in the store's place (its -wal and \
            -shm files removed). A PostgreSQL store is backed up with pg_dump.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The new backup file (refused if it exists).")
    var to: String

    @Flag(help: "Print JSON instead of a line.")
    var json = false

    func run() async throws {
        let logger = Logging.bootstrap(level: .warning)
        let location: StoreLocation
        do { location = try StoreLocation(store.resolvedStore) } catch {
            printError("\(error)")
            throw ExitCode(64)
        }
        let path: String
        switch location {
        case .sqlite(let file):
            path = file
        case .postgres(let url):
            printError("wo backup copies a SQLite store; back up PostgreSQL with pg_dump -d \(url.database)"
                + (url.schema.map { " --schema=\($0)" } ?? ""))
            throw ExitCode(1)
        }
        do {
            let source = try SQLiteOrderStore(path: path, readOnly: true, logger: logger)
            let backup = try await source.backup(to: to)
            try await source.close()
            if json {
                try printJSON(backup)
            } else {
                print("backed up \(backup.source) to \(backup.target): \(backup.orders) orders, schema \(backup.schemaVersion), "
                    + ByteCountFormatter.string(fromByteCount: Int64(backup.bytes), countStyle: .file))
            }
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
