import GRDB
import WorkOrderCore

extension SQLiteOrderStore {
    public func recordPolicyVersion(_ version: String, files: [String: String]) async throws -> Bool {
        let json = try StoredPolicyVersion.encode(files)
        return try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO policy_versions (version, files, first_loaded_at_ms) VALUES (?, ?, ?)
                ON CONFLICT (version) DO NOTHING
                """, arguments: [version, json, wallClockMS()])
            return db.changesCount == 1
        }
    }

    public func policyVersion(_ version: String) async throws -> StoredPolicyVersion? {
        let row = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT files, first_loaded_at_ms FROM policy_versions WHERE version = ?", arguments: [version])
        }
        guard let row else { return nil }
        return StoredPolicyVersion(
            version: version, files: try StoredPolicyVersion.decode(row[0], version: version), firstLoadedAtMS: row[1])
    }

    public func policyVersionsOfOpenOrders() async throws -> Set<String> {
        let rows = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT policy_version, kind, state FROM orders")
                .map { (version: $0[0] as String, kind: $0[1] as String, state: $0[2] as String) }
        }
        return StoredPolicyVersion.versionsOfOpenOrders(rows)
    }
}
