import Foundation
import GRDB

/// What `SQLiteOrderStore.backup(to:)` wrote.
public struct SQLiteBackup: Codable, Hashable, Sendable {
    public var source: String
    public var target: String
    public var bytes: Int
    public var orders: Int
    public var schemaVersion: Int
}

extension SQLiteOrderStore {
    /// Copies the store, as of one moment, to a new file at `target`, while a server may
    /// be writing to it (SQLite's online backup inside one read transaction). The copy
    /// is written beside the target and renamed into place once checked, so a
    /// half-written file never carries the target's name. An existing target is refused.
    public func backup(to target: String) async throws -> SQLiteBackup {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: target) else {
            throw StoreError.cannotOpen(location: target, reason: "the backup file already exists: choose a new name")
        }
        let folder = (target as NSString).deletingLastPathComponent
        guard folder.isEmpty || fm.fileExists(atPath: folder) else {
            throw StoreError.cannotOpen(location: target, reason: "no such folder: \(folder)")
        }
        let partial = target + ".partial"
        try? fm.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            let (orders, version, check) = try await copy.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM orders") ?? 0,
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                 try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "")
            }
            try copy.close()
            guard check == "ok" else { throw StoreError.corrupt("the backup copy failed its check: \(check)") }
            try fm.moveItem(atPath: partial, toPath: target)
            let bytes = (try fm.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
            logger.info("store backed up", metadata: ["store.path": "\(path)", "store.backup": "\(target)", "store.orders": "\(orders)"])
            return SQLiteBackup(source: path, target: target, bytes: bytes, orders: orders, schemaVersion: version)
        } catch {
            try? fm.removeItem(atPath: partial)
            throw error
        }
    }
}
