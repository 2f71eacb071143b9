import PostgresNIO
import WorkOrderCore

extension PostgresOrderStore {
    public func recordPolicyVersion(_ version: String, files: [String: String]) async throws -> Bool {
        let json = try StoredPolicyVersion.encode(files)
        return try await withPostgresErrors("record policy version") {
            let rows = try await client.query("""
                INSERT INTO policy_versions (version, files, first_loaded_at_ms) VALUES (\(version), \(json)::jsonb, \(wallClockMS()))
                ON CONFLICT (version) DO NOTHING RETURNING 1
                """, logger: logger)
            var inserted = false
            for try await _ in rows.decode(Int32.self) { inserted = true }
            return inserted
        }
    }

    public func policyVersion(_ version: String) async throws -> StoredPolicyVersion? {
        let found = try await withPostgresErrors("read policy version") { () -> (String, Int64)? in
            let rows = try await client.query(
                "SELECT files::text, first_loaded_at_ms FROM policy_versions WHERE version = \(version)", logger: logger)
            var found: (String, Int64)?
            for try await row in rows.decode((String, Int64).self) { found = row }
            return found
        }
        guard let (json, firstLoaded) = found else { return nil }
        return StoredPolicyVersion(version: version, files: try StoredPolicyVersion.decode(json, version: version), firstLoadedAtMS: firstLoaded)
    }

    public func policyVersionsOfOpenOrders() async throws -> Set<String> {
        let rows = try await withPostgresErrors("policy versions of open orders") { () -> [(version: String, kind: String, state: String)] in
            let rows = try await client.query("SELECT DISTINCT policy_version, kind, state FROM orders", logger: logger)
            var found: [(version: String, kind: String, state: String)] = []
            for try await (version, kind, state) in rows.decode((String, String, String).self) {
                found.append((version, kind, state))
            }
            return found
        }
        return StoredPolicyVersion.versionsOfOpenOrders(rows)
    }
}
