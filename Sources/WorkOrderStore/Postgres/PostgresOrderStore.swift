import Logging
import PostgresNIO
import WorkOrderCore

/// The PostgreSQL store, through postgres-nio's `PostgresClient` and its connection pool.
///
/// The store owns the task that runs the client (`client.run()`): `connect` starts it
/// and `close()` cancels it and waits for the pool to drain, so the store has the same
/// open/close life as the SQLite one and `OrderStores.open` can return either.
///
/// Durability: every `commit` is one transaction, committed with the server's
/// `synchronous_commit` (on by default: the WAL is flushed before COMMIT returns).
public final class PostgresOrderStore: CampaignStore {
    /// The schema version this program writes (table `schema_version`).
    public static let schemaVersion = 7

    public let url: PostgresURL
    public let readOnly: Bool
    let client: PostgresClient
    let logger: Logger
    /// For connections outside the pool (the server's claim on the store).
    let lockConfiguration: PostgresConnection.Configuration
    private let runTask: Task<Void, Never>

    private init(
        url: PostgresURL, readOnly: Bool, client: PostgresClient, lockConfiguration: PostgresConnection.Configuration,
        runTask: Task<Void, Never>, logger: Logger
    ) {
        self.lockConfiguration = lockConfiguration
        self.url = url
        self.readOnly = readOnly
        self.client = client
        self.runTask = runTask
        self.logger = logger
    }

    /// Checks that the server accepts us (one plain connection, so a refusal becomes a
    /// clear `StoreError.cannotOpen` rather than a pool that retries forever), then
    /// starts the pool. Call `migrate()` before use (`OrderStores.open` does).
    public static func connect(_ url: PostgresURL, readOnly: Bool = false,
                               logger: Logger = Logger(label: "wo.store", factory: { _ in SwiftLogNoOpLogHandler() })) async throws -> PostgresOrderStore {
        var parameters: [(String, String)] = []
        if let schema = url.schema { parameters.append(("search_path", schema)) }
        if readOnly { parameters.append(("default_transaction_read_only", "on")) }

        var config = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        config.options.additionalStartupParameters = parameters
        config.options.maximumConnections = 10
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        // Started before the probe, so the pool runs by the time the first query leases.
        let runTask = Task { await client.run() }

        var probeConfig = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        probeConfig.options.connectTimeout = .seconds(10)
        probeConfig.options.additionalStartupParameters = parameters
        do {
            let probe = try await PostgresConnection.connect(configuration: probeConfig, id: 0, logger: logger)
            try? await probe.close()
        } catch {
            runTask.cancel()
            await runTask.value
            throw StoreError.cannotOpen(location: url.description, reason: Self.connectFailure(error, url: url))
        }
        logger.info("store connected", metadata: ["store.url": "\(url)"])
        return PostgresOrderStore(
            url: url, readOnly: readOnly, client: client, lockConfiguration: probeConfig, runTask: runTask, logger: logger)
    }

    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }

    private static func connectFailure(_ error: any Error, url: PostgresURL) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return "PostgreSQL refused the connection: \(message)"
        }
        let cause = error.underlying.map { "\($0)" } ?? "\(error.code)"
        return "cannot connect to \(url.host):\(url.port) (\(cause)); is PostgreSQL running? (scripts/postgres start)"
    }

    /// One transaction on one pooled connection. Errors from `body` pass through as they
    /// are (after a ROLLBACK); PostgreSQL's own errors become `PostgresStoreError`.
    func inTransaction<R: Sendable>(_ what: String, _ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await withPostgresErrors(what) {
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    func withPostgresErrors<R>(_ what: String, _ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw PostgresStoreError(error, operation: what)
        }
    }
}

/// A PostgreSQL error, with the server's message (postgres-nio's own `PSQLError`
/// prints a generic text to avoid leaking data; the store's queries hold none that
/// the server would echo beyond ids).
public struct PostgresStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public var operation: String
    public var message: String
    /// The SQLSTATE, e.g. `23505` for a unique violation.
    public var sqlState: String?

    init(_ error: PSQLError, operation: String) {
        self.operation = operation
        self.sqlState = error.serverInfo?[.sqlState]
        if let message = error.serverInfo?[.message] {
            self.message = message + (error.serverInfo?[.detail].map { " (\($0))" } ?? "")
        } else {
            self.message = error.underlying.map { "\(error.code): \($0)" } ?? "\(error.code)"
        }
    }

    public var description: String {
        "PostgreSQL store: \(operation) failed: \(message)" + (sqlState.map { " [SQLSTATE \($0)]" } ?? "")
    }
}
