import Foundation

/// Where the broker is and how to log in: `amqp://user:pass@host:port/vhost` or
/// `amqps://…?cacertfile=…&certfile=…&keyfile=…&verify=true`.
///
/// `description` never shows the password.
public struct AMQPURL: Hashable, Sendable, CustomStringConvertible {
    public var useTLS: Bool
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var vhost: String
    /// Seconds between heartbeats (0 turns them off). Query `heartbeat=`.
    public var heartbeatSeconds: Int
    /// Query `cacertfile=`: CA bundle to verify the broker's certificate.
    public var caCertificatePath: String?
    /// Query `certfile=` and `keyfile=`: client certificate and key.
    public var clientCertificatePath: String?
    public var clientKeyPath: String?
    /// Query `verify=false` turns off peer and host-name verification (testing only).
    public var verifyPeer: Bool

    public static let `default` = try! AMQPURL(parsing: "amqp://guest:guest@127.0.0.1:5672/")

    public init(parsing text: String) throws(AMQPError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalidURL("'\(Self.redact(text))' is not a URL")
        }
        switch scheme {
        case "amqp": useTLS = false
        case "amqps": useTLS = true
        default: throw .invalidURL("scheme must be amqp or amqps, not '\(scheme)'")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalidURL("no host in '\(Self.redact(text))'") }
        self.host = host
        self.port = components.port ?? (useTLS ? 5671 : 5672)
        self.user = components.user?.removingPercentEncoding ?? "guest"
        self.password = components.password?.removingPercentEncoding ?? "guest"
        // "/" and "" both mean the default vhost "/"; "/%2F" too; "/sites" is "sites".
        let path = components.percentEncodedPath
        let raw = path.hasPrefix("/") ? String(path.dropFirst()) : path
        let decoded = raw.removingPercentEncoding ?? raw
        self.vhost = decoded.isEmpty ? "/" : decoded
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        if let hb = query["heartbeat"] {
            guard let n = Int(hb), n >= 0 else { throw .invalidURL("heartbeat must be a number of seconds, not '\(hb)'") }
            heartbeatSeconds = n
        } else {
            heartbeatSeconds = 30
        }
        caCertificatePath = query["cacertfile"]
        clientCertificatePath = query["certfile"]
        clientKeyPath = query["keyfile"]
        verifyPeer = (query["verify"] ?? "true").lowercased() != "false"
        if (clientCertificatePath == nil) != (clientKeyPath == nil) {
            throw .invalidURL("certfile and keyfile go together")
        }
    }

    public var description: String {
        "\(useTLS ? "amqps" : "amqp")://\(user)@\(host):\(port)/\(vhost == "/" ? "" : vhost)"
    }

    /// The text with any password replaced, for error messages about unreadable URLs.
    static func redact(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let schemeEnd = text.range(of: "://") else { return text }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
