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
        // Plain values out of the read: a Row is not Sendable, and only a Sendable result
        // gets GRDB's asynchronous read (off the cooperative threads).
        let found = try await pool.read { db -> (files: String, firstLoadedAtMS: Int64)? in
            try Row.fetchOne(db, sql: "SELECT files, first_loaded_at_ms FROM policy_versions WHERE version = ?", arguments: [version])
                .map { ($0[0], $0[1]) }
        }
        guard let found else { return nil }
        return StoredPolicyVersion(
            version: version, files: try StoredPolicyVersion.decode(found.files, version: version), firstLoadedAtMS: found.firstLoadedAtMS)
    }

    public func policyVersionsOfOpenOrders() async throws -> Set<String> {
        let rows = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT policy_version, kind, state FROM orders")
                .map { (version: $0[0] as String, kind: $0[1] as String, state: $0[2] as String) }
        }
        return StoredPolicyVersion.versionsOfOpenOrders(rows)
    }
}
