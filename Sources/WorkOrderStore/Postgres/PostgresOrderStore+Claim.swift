import Logging
import PostgresNIO

extension PostgresOrderStore {
    /// A session advisory lock keyed by the schema, held on a connection of its own for
    /// as long as the server runs; PostgreSQL drops it when that connection ends.
    public func claimForServer() async throws -> any ServerClaim {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: lockConfiguration, id: 1, logger: logger)
        } catch {
            throw StoreError.cannotOpen(location: url.description, reason: "cannot open the server-lock connection: \(error)")
        }
        let rows = try await connection.query("SELECT pg_try_advisory_lock(hashtext('wo serve ' || current_schema()))", logger: logger)
        var locked = false
        for try await value in rows.decode(Bool.self) { locked = value }
        guard locked else {
            try? await connection.close()
            throw StoreError.inUse(location: url.description, holder: "a session holds its advisory lock")
        }
        return ConnectionClaim(connection: connection)
    }
}

final class ConnectionClaim: ServerClaim {
    private let connection: PostgresConnection

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    func release() async {
        try? await connection.close()
    }
}
