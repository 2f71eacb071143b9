import Foundation
import Logging

extension OrderStores {
    /// Removes a scratch store, such as a benchmark's: a SQLite file with its journal
    /// files, or the PostgreSQL schema the URL names, with everything in it. A PostgreSQL
    /// URL without `?schema=` is refused: the database's default schema is never dropped.
    public static func removeScratch(_ location: String, logger: Logger) async throws {
        switch try StoreLocation(location) {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm", "-journal", ".serve-lock"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.removeItem(atPath: path + suffix)
            }
        case .postgres(let url):
            guard let schema = url.schema, schema.lowercased() != "public" else {
                throw StoreError.cannotOpen(location: url.description, reason: "name the scratch store's own schema (?schema=…) to remove it")
            }
            let store = try await PostgresOrderStore.connect(url, logger: logger)
            do {
                try await store.dropSchema()
            } catch {
                try? await store.close()
                throw error
            }
            try await store.close()
        }
    }
}
