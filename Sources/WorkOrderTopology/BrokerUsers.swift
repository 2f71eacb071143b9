import Crypto
import Foundation
import WorkOrderCore

/// One broker user per role of the system, each allowed only what that role does on the
/// broker (docs/security.md has the table). `wo broker users` writes them as a RabbitMQ
/// definitions file; `rabbitmqctl import_definitions` applies it.
///
/// RabbitMQ's permissions are three regular expressions over exchange and queue names:
/// configure (declare, delete), write (publish to an exchange; bind a queue) and read
/// (consume from a queue; bind from an exchange). Publishing through the default
/// exchange is writing to `amq.default`, which reaches every queue: only the server has it.
public struct BrokerUser: Hashable, Sendable {
    public var name: String
    public var purpose: String
    public var configure: String
    public var write: String
    public var read: String
    /// Routing keys this user may publish with, per topic exchange.
    public var topicWrite: [String: String]

    public static let server = "wo-server"
    public static let intake = "wo-intake"
    public static let callbacks = "wo-callbacks"
    public static let supervisor = "wo-supervisor"

    public static func worker(_ department: Department) -> String { "wo-worker-\(department.queueName)" }

    /// Transitions are published with two words, `<kind>.<event>` or `task.<event>`
    /// (docs/protocol.md).
    static let transitionKeys = [BrokerTopology.transitionsExchange: "^[a-z_]+\\.[a-z_]+$"]
    /// A private reply queue (`wo.reply.…`, exclusive, deleted with its connection).
    static let replyQueues = "wo\\.reply\\..+"

    /// Every user, in a stable order.
    public static let all: [BrokerUser] = {
        var users = [
            BrokerUser(
                name: server, purpose: "wo serve: declares the topology, consumes intake and transitions, publishes dispatches, follow-ups, events, replies and dead letters",
                configure: "^wo\\..*", write: "^(wo\\..*|amq\\.default)$", read: "^wo\\..*", topicWrite: [:]),
            BrokerUser(
                name: intake, purpose: "intake systems (and wo intake): publish requests to wo.intake, nothing else",
                configure: "^$", write: "^wo\\.intake$", read: "^$", topicWrite: [BrokerTopology.intakeExchange: "^[a-z_]+$"]),
        ]
        for department in Department.allCases {
            let queue = BrokerTopology.dispatchQueue(for: department.queueName).replacingOccurrences(of: ".", with: "\\.")
            users.append(BrokerUser(
                name: worker(department), purpose: "the \(department.rawValue) department's terminals: consume its dispatch queue, send transitions",
                configure: "^\(replyQueues)$", write: "^wo\\.transitions$", read: "^(\(queue)|\(replyQueues))$", topicWrite: transitionKeys))
        }
        users.append(BrokerUser(
            name: callbacks, purpose: "the call-back desk: consume wo.followups, send transitions",
            configure: "^\(replyQueues)$", write: "^wo\\.transitions$", read: "^(wo\\.followups|\(replyQueues))$", topicWrite: transitionKeys))
        users.append(BrokerUser(
            name: supervisor,
            purpose: "supervisors: steering transitions, wo watch, dead-letter inspection and replay (to wo.intake or wo.transitions)",
            configure: "^(\(replyQueues)|wo\\.watch\\..+)$",
            write: "^(wo\\.transitions|wo\\.intake|wo\\.events|\(replyQueues)|wo\\.watch\\..+)$",
            read: "^(wo\\.events|wo\\.dead|wo\\.dead-letters|\(replyQueues)|wo\\.watch\\..+)$",
            topicWrite: [:]))
        return users
    }()
}

/// A RabbitMQ definitions file (the format of `rabbitmqctl export_definitions`) holding
/// the users, their permissions on one vhost and the vhost itself.
public struct BrokerDefinitions: Sendable {
    public var vhost: String
    /// User → password (in clear: only its salted hash goes into the file).
    public var passwords: [String: String]
    public var users: [BrokerUser]

    public init(vhost: String, users: [BrokerUser] = BrokerUser.all, passwords: [String: String]) {
        self.vhost = vhost
        self.users = users
        self.passwords = passwords
    }

    /// RabbitMQ's `rabbit_password_hashing_sha256`: base64(salt ‖ SHA-256(salt ‖ password))
    /// with a 4-byte random salt.
    public static func passwordHash(_ password: String, salt: [UInt8]) -> String {
        let digest = SHA256.hash(data: salt + Array(password.utf8))
        return Data(salt + Array(digest)).base64EncodedString()
    }

    /// A new random password: 24 random bytes, URL-safe base64 (32 characters).
    public static func newPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// The JSON text, keys sorted.
    public func json() throws -> Data {
        var generator = SystemRandomNumberGenerator()
        var users: [[String: Any]] = []
        var permissions: [[String: Any]] = []
        var topicPermissions: [[String: Any]] = []
        for user in self.users {
            guard let password = passwords[user.name] else { continue }
            let salt = (0..<4).map { _ in UInt8.random(in: 0...255, using: &generator) }
            users.append([
                "name": user.name, "password_hash": Self.passwordHash(password, salt: salt),
                "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": [String](),
            ])
            permissions.append(["user": user.name, "vhost": vhost, "configure": user.configure, "write": user.write, "read": user.read])
            for (exchange, pattern) in user.topicWrite.sorted(by: { $0.key < $1.key }) {
                topicPermissions.append(["user": user.name, "vhost": vhost, "exchange": exchange, "write": pattern, "read": ".*"])
            }
        }
        let document: [String: Any] = [
            "users": users, "vhosts": [["name": vhost]], "permissions": permissions, "topic_permissions": topicPermissions,
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
