import Foundation
import GRDB
import Logging
import WorkOrderCore

/// The embedded store: one SQLite file through GRDB's `DatabasePool` in WAL mode.
///
/// One writer (`wo serve`) and any number of readers (`wo list`, `wo show`, opened with
/// `readOnly: true`) may use the file at once; in WAL mode readers never block the
/// writer, and the busy timeout covers the short moments (checkpoints, a second
/// process opening the file) when one connection must wait for another.
///
/// Durability: every `commit` is one transaction. With `.full` (the default) SQLite
/// syncs the WAL at each commit, so a commit that returned survives a power cut; with
/// group commit that is one disk sync per batch of units, not per message. `.normal`
/// syncs only at checkpoints: a commit survives a crash or `kill -9` of the process,
/// but the last batches may be lost on a power cut or kernel crash.
public final class SQLiteOrderStore: CampaignStore {
    public enum Synchronous: String, Sendable {
        case full = "FULL"
        case normal = "NORMAL"
    }

    /// The schema version this program writes (`PRAGMA user_version`).
    public static let schemaVersion = 7

    public let path: String
    public let readOnly: Bool
    let pool: DatabasePool
    let logger: Logger

    /// Opens (and for a writable store creates, with its folder) the database file.
    /// Call `migrate()` before use (`OrderStores.open` does).
    public init(path: String, readOnly: Bool = false, synchronous: Synchronous = .full,
                logger: Logger = Logger(label: "wo.store", factory: { _ in SwiftLogNoOpLogHandler() })) throws {
        self.path = path
        self.readOnly = readOnly
        self.logger = logger
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if readOnly {
            guard fm.fileExists(atPath: path) else {
                let why = folder.isEmpty || fm.fileExists(atPath: folder) ? "no such file" : "no such folder: \(folder)"
                throw StoreError.cannotOpen(location: path, reason: why)
            }
            guard fm.isReadableFile(atPath: path) else {
                throw StoreError.cannotOpen(location: path, reason: "the file is not readable")
            }
        } else if !folder.isEmpty && !fm.fileExists(atPath: folder) {
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotOpen(location: path, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        var config = Configuration()
        config.readonly = readOnly
        config.label = "wo.store"
        // Readers never stall the writer in WAL; this covers checkpoints and other processes.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
                // IN-05: deleted and overwritten content is zeroed in the file, so an owner's
                // data redacted from the store is not left in free space for a backup to copy.
                try db.execute(sql: "PRAGMA secure_delete = ON")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(location: path, reason: error.message ?? "\(error.resultCode)")
        } catch {
            throw StoreError.cannotOpen(location: path, reason: "\(error)")
        }
    }

    public func close() async throws {
        try pool.close()
    }
}
