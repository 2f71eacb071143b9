import ArgumentParser
import Foundation
import WorkOrderTopology

/// `wo broker users`: one broker user per role, least privilege, as a RabbitMQ
/// definitions file plus each user's password (and URL) in a file of its own.
struct BrokerUsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Write the per-role broker users (RabbitMQ definitions.json, passwords in 0600 files).",
        discussion: """
            Apply with: rabbitmqctl import_definitions DIR/definitions.json (scripts/broker \
            import-users DIR does it for the local broker). Run again, the existing passwords \
            are kept unless --rotate. The permission table is in docs/security.md.
            """
    )

    @Option(help: "The vhost the users get permissions on.") var vhost = "/"
    @Option(help: "Folder for definitions.json and USER.password files (created 0700).") var out: String
    @Option(help: ArgumentHelp(
        "Also write USER.url (0600) for a broker at this address, e.g. amqp://127.0.0.1:5672 or amqps://host:5671?cacertfile=…",
        valueName: "url"))
    var brokerURL: String?
    @Flag(help: "New passwords for every user (the old ones stop working once imported).") var rotate = false

    func run() throws {
        let files = FileManager.default
        try files.createDirectory(atPath: out, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: out)
        var passwords: [String: String] = [:]
        var kept = 0
        for user in BrokerUser.all {
            let path = "\(out)/\(user.name).password"
            let password: String
            if !rotate, let data = files.contents(atPath: path),
               let existing = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !existing.isEmpty {
                password = existing
                kept += 1
            } else {
                password = BrokerDefinitions.newPassword()
            }
            passwords[user.name] = password
            try Self.writePrivate(password + "\n", to: path)
            if let brokerURL {
                try Self.writePrivate(try Self.url(brokerURL, user: user.name, password: password, vhost: vhost) + "\n", to: "\(out)/\(user.name).url")
            }
        }
        let definitions = BrokerDefinitions(vhost: vhost, passwords: passwords)
        try Self.writePrivate(String(decoding: try definitions.json(), as: UTF8.self) + "\n", to: "\(out)/definitions.json")
        print("\(BrokerUser.all.count) users for vhost '\(vhost)' in \(out)/definitions.json (\(kept) passwords kept, \(BrokerUser.all.count - kept) new)")
        print("apply: rabbitmqctl import_definitions \(out)/definitions.json")
    }

    /// `scheme://user:password@host:port/vhost?query`, user and password percent-encoded.
    static func url(_ base: String, user: String, password: String, vhost: String) throws -> String {
        guard var components = URLComponents(string: base), components.scheme != nil, components.host != nil else {
            throw ValidationError("--broker-url must look like amqp://host:port, not '\(base)'")
        }
        guard components.user == nil, components.password == nil else {
            throw ValidationError("--broker-url takes no user or password; each user's file gets its own")
        }
        components.user = user
        components.password = password
        components.percentEncodedPath = "/" + (vhost == "/" ? "" : vhost.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? vhost)
        guard let text = components.string else { throw ValidationError("cannot build a URL from '\(base)'") }
        return text
    }

    /// Created with mode 0600 before anything is written, so a secret is never readable by others.
    static func writePrivate(_ text: String, to path: String) throws {
        let files = FileManager.default
        if files.fileExists(atPath: path) { try files.removeItem(atPath: path) }
        guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot create '\(path)'")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(text.utf8))
    }
}
