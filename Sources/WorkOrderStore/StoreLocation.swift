import Foundation
import Logging
import WorkOrderCore

/// Where a store lives, as given to `--store`: a `postgres://` or `postgresql://` URL,
/// or else the path of a SQLite file.
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    public init(_ text: String) throws {
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(try PostgresURL(text))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Safe to log: a PostgreSQL password is never shown.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return url.description
        }
    }
}

/// `postgres://user[:password]@host[:port]/database[?schema=name]`.
///
/// `schema` (letters, digits, `_`) puts every table in that schema, created if missing;
/// the default is `public`. TLS is not supported: connect over loopback or a trusted net.
public struct PostgresURL: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var schema: String?

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String, schema: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.schema = schema
    }

    public init(_ text: String) throws {
        func bad(_ why: String) -> StoreError {
            // The text may hold a password: show only its masked form.
            .cannotOpen(location: Self.masked(text), reason: why)
        }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql"
        else { throw bad("not a postgres://user@host:port/database URL") }
        guard let host = parts.host, !host.isEmpty else { throw bad("the URL names no host") }
        guard let user = parts.user, !user.isEmpty else { throw bad("the URL names no user (postgres://USER@host/db)") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw bad("the URL names no database (postgres://user@host/DB)") }
        self.init(host: host, port: parts.port ?? 5432, user: user, password: parts.password, database: database)
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "schema", "search_path":
                guard let name = item.value, Self.isPlainIdentifier(name) else {
                    throw bad("schema must be letters, digits and _")
                }
                schema = name
            case "sslmode" where item.value == "disable":
                break
            default:
                throw bad("unsupported URL parameter '\(item.name)' (known: schema, sslmode=disable)")
            }
        }
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.isEmpty, name.utf8.count <= 63 else { return false }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789_")
        return !CharacterSet.decimalDigits.contains(first) && name.unicodeScalars.allSatisfy { allowed.contains($0) }
    }

    /// The URL with the password replaced by `***`.
    public var description: String {
        let auth = password == nil ? user : "\(user):***"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(auth)@\(hostPart):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
    }

    static func masked(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let schemeEnd = text.range(of: "://") else { return text }
        let auth = text[schemeEnd.upperBound..<at]
        guard let colon = auth.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

/// Opens stores by location.
public enum OrderStores {
    /// Opens the store at `location` (see `StoreLocation`) and brings its schema up to
    /// date (`migrate()`); a read-only store is only checked. Throws
    /// `StoreError.cannotOpen` with the reason, or `StoreError.schemaTooNew`.
    public static func open(_ location: String, readOnly: Bool = false, logger: Logger) async throws -> any OrderStore {
        try await open(StoreLocation(location), readOnly: readOnly, logger: logger)
    }

    public static func open(_ location: StoreLocation, readOnly: Bool = false, logger: Logger) async throws -> any OrderStore {
        let store: any OrderStore
        switch location {
        case .sqlite(let path):
            store = try SQLiteOrderStore(path: path, readOnly: readOnly, logger: logger)
        case .postgres(let url):
            store = try await PostgresOrderStore.connect(url, readOnly: readOnly, logger: logger)
        }
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }
}
