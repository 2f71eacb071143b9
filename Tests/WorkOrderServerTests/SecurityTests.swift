import AMQPClient
import Crypto
import Foundation
import Testing
import WOTesting
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderTopology
import WorkflowPolicy

/// Issue 15: one broker user per role with least privilege (`wo broker users`, imported
/// into the real broker by `scripts/broker import-users`), and a server that believes a
/// transition's claimed role only when its AMQP `user_id` may take it (`access.yaml`).
/// Every refusal is made for real: by RabbitMQ (ACCESS_REFUSED, PRECONDITION_FAILED) or
/// by the server's answer.
@Suite("Security: per-role broker users and authenticated senders", .serialized)
struct SecurityTests {
    static func temporaryFolder(_ label: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wo-\(label)-\(UUID().uuidString.prefix(8))").path
    }

    static func permissions(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// The users for `vhost`, written by the real command and imported into the real broker.
    static func importUsers(for vhost: TestVhost) async throws -> String {
        let folder = temporaryFolder("users")
        let written = try await WorkerProcessTests.run([
            "broker", "users", "--vhost", vhost.name, "--out", folder, "--broker-url", "amqp://127.0.0.1:\(vhost.port)"])
        try #require(written.status == 0, "\(written.output)")
        try await BrokerControl.run("import-users", folder, port: vhost.port)
        return folder
    }

    static func url(_ folder: String, _ user: String) throws -> AMQPURL {
        let text = try String(contentsOfFile: "\(folder)/\(user).url", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try AMQPURL(parsing: text)
    }

    static func connect(_ folder: String, _ user: String) async throws -> AMQPConnection {
        try await AMQPConnection.connect(to: try url(folder, user), name: "test-\(user)", reconnect: .never, logger: ServerHarness.logger)
    }

    static func refusal(_ operation: () async throws -> Void) async -> (code: Int, text: String)? {
        do {
            try await operation()
            return nil
        } catch AMQPError.channelClosed(let code, let text) {
            return (code, text)
        } catch {
            Issue.record("expected the broker to refuse, got \(error)")
            return nil
        }
    }

    @Test func theSecurityPageShowsThePermissionsTheCodeGrants() throws {
        let page = try String(contentsOfFile: BrokerTestEnvironment.packageRoot + "/docs/security.md", encoding: .utf8)
        let escaped = { (pattern: String) in pattern.replacingOccurrences(of: "|", with: "\\|") }
        for user in BrokerUser.all {
            let row = "| `\(user.name)` | `\(escaped(user.configure))` | `\(escaped(user.write))` | `\(escaped(user.read))` |"
            #expect(page.contains(row), "docs/security.md lacks or differs on: \(row)")
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func brokerUsersAreWrittenPrivatelyKeptAndRotated() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let folder = Self.temporaryFolder("users")
        let first = try await WorkerProcessTests.run(["broker", "users", "--vhost", "site-a", "--out", folder])
        #expect(first.status == 0, "\(first.output)")
        #expect(try Self.permissions(folder) == 0o700)
        let users = BrokerUser.all.map(\.name)
        #expect(users.count == 4 + Department.allCases.count)
        var passwords: [String: String] = [:]
        for user in users {
            let path = "\(folder)/\(user).password"
            #expect(try Self.permissions(path) == 0o600, "\(path)")
            passwords[user] = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try Self.permissions("\(folder)/definitions.json") == 0o600)
        #expect(Set(passwords.values).count == users.count, "every user has its own password")

        // The file is RabbitMQ's format, and each hash is the user's password salted and hashed as RabbitMQ does.
        let fileData = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/definitions.json"))
        let parsed = try JSONSerialization.jsonObject(with: fileData)
        let definitions = try #require(parsed as? [String: Any])
        let entries = try #require(definitions["users"] as? [[String: Any]])
        #expect(entries.count == users.count)
        for entry in entries {
            let name = try #require(entry["name"] as? String)
            #expect(entry["hashing_algorithm"] as? String == "rabbit_password_hashing_sha256")
            let encoded = try #require(entry["password_hash"] as? String)
            let hash = try #require(Data(base64Encoded: encoded))
            let password = try #require(passwords[name])
            let salt = Array(hash.prefix(4))
            #expect(Array(hash.dropFirst(4)) == Array(SHA256.hash(data: salt + Array(password.utf8))), "\(name)")
            #expect(!String(decoding: fileData, as: UTF8.self).contains(password))
        }
        let permissions = try #require(definitions["permissions"] as? [[String: Any]])
        #expect(permissions.allSatisfy { $0["vhost"] as? String == "site-a" })
        #expect((definitions["vhosts"] as? [[String: Any]])?.first?["name"] as? String == "site-a")

        // Run again: the passwords stay. With --rotate: every one changes.
        let again = try await WorkerProcessTests.run(["broker", "users", "--vhost", "site-a", "--out", folder])
        #expect(again.status == 0 && again.output.contains("\(users.count) passwords kept"), "\(again.output)")
        for user in users {
            #expect(try String(contentsOfFile: "\(folder)/\(user).password", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == passwords[user])
        }
        let rotated = try await WorkerProcessTests.run(["broker", "users", "--vhost", "site-a", "--out", folder, "--rotate"])
        #expect(rotated.status == 0, "\(rotated.output)")
        for user in users {
            #expect(try String(contentsOfFile: "\(folder)/\(user).password", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) != passwords[user])
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test(.timeLimit(.minutes(5)))
    func everyRoleMayDoItsWorkAndNothingElse() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        let vhost = try await TestVhost.create()
        let folder = try await Self.importUsers(for: vhost)
        let senders = try SenderPolicyLoader.load(directory: BrokerTestEnvironment.packageRoot + "/workflows")
        // The server itself runs as wo-server: its permissions are enough to declare, consume and publish.
        let server = try await ServerHarness.start(
            vhost: vhost, serverURL: try Self.url(folder, BrokerUser.server), enforcedSenders: senders)
        let file = { (user: String) in ["--amqp-url-file", "\(folder)/\(user).url"] }

        // Allowed: the intake system publishes a request.
        let intake = try await WorkerProcessTests.run([
            "intake", "repair", "--site", "NJ-01", "--household", "5-2-301", "--owner", "张三", "--phone", "13812345678",
            "--subject", "kitchen leak", "--message-id", "sec-1", "mode=immediate", "category=leak"] + file(BrokerUser.intake))
        #expect(intake.status == 0, "\(intake.output)")
        let order = try await server.order(intake: "sec-1")

        // Allowed: the engineering terminal reads its own queue.
        let engineering = try await Self.connect(folder, BrokerUser.worker(.engineering))
        let tasks = try await engineering.consume(queue: BrokerTopology.dispatchQueue(for: "engineering"), prefetch: 10)
        var iterator = tasks.makeAsyncIterator()
        let next = try await iterator.next()
        let task = try #require(next)
        #expect(try DispatchMessage.decode(task.body).orderID == order)
        tasks.ack(task)
        tasks.cancel()

        // Refused by the broker: another department's queue, publishing intake, a forged user_id.
        let otherQueue = await Self.refusal {
            _ = try await engineering.consume(queue: BrokerTopology.dispatchQueue(for: "cleaning"), prefetch: 1)
        }
        #expect(otherQueue?.code == 403 && otherQueue?.text.contains("ACCESS_REFUSED") == true, "\(String(describing: otherQueue))")
        let publishIntake = await Self.refusal {
            try await engineering.publish(OutgoingMessage(
                exchange: BrokerTopology.intakeExchange, routingKey: "repair", body: Array("{}".utf8),
                properties: MessageProperties(messageID: "sec-forged-intake", userID: BrokerUser.worker(.engineering))))
        }
        #expect(publishIntake?.code == 403, "\(String(describing: publishIntake))")
        let forged = await Self.refusal {
            let body = TransitionMessage(orderID: order, event: "on_site", actor: Actor(id: "dir-1", role: .site_director)).encoded()
            try await engineering.publish(OutgoingMessage(
                exchange: BrokerTopology.transitionsExchange, routingKey: "task.on_site", body: body,
                properties: MessageProperties(messageID: "sec-forged", userID: BrokerUser.supervisor)))
        }
        #expect(forged?.code == 406 && forged?.text.contains("user_id") == true, "\(String(describing: forged))")
        await engineering.close()

        // Refused by the broker: the intake system sends a transition (it cannot even make a reply queue).
        let intakeSends = try await WorkerProcessTests.run(["task", order, "on_site", "--by", "x", "--role", "technician"] + file(BrokerUser.intake))
        #expect(intakeSends.status != 0 && intakeSends.output.contains("403 ACCESS_REFUSED"), "\(intakeSends.output)")

        // Refused by the server: a technician's terminal claiming the director's role, another
        // department's terminal completing engineering's task, a message without user_id.
        let director = try await WorkerProcessTests.run(["task", order, "on_site", "--by", "t-1", "--role", "site_director"] + file(BrokerUser.worker(.engineering)))
        #expect(director.status == 2 && director.output.contains("may not act as site_director"), "\(director.output)")
        let cleaning = try await WorkerProcessTests.run(["task", order, "on_site", "--by", "c-1", "--role", "team_leader"] + file(BrokerUser.worker(.cleaning)))
        #expect(cleaning.status == 2 && cleaning.output.contains("not dispatched to cleaning"), "\(cleaning.output)")
        try await server.publishTransition(order: order, event: "on_site", messageID: "sec-anonymous")
        #expect(try await server.eventually {
            try await server.store.history(orderID: order).contains { $0.messageID == "sec-anonymous" && $0.detail.contains("no AMQP user_id") }
        })
        #expect(try await server.store.order(id: order)?.stateName == "awaiting_technician", "no refused transition changed the order")

        // Allowed: the technician reports; the call-back desk reads its queue; a supervisor
        // watches events and lists dead letters.
        let onSite = try await WorkerProcessTests.run(["task", order, "on_site", "--by", "t-1", "--role", "technician"] + file(BrokerUser.worker(.engineering)))
        #expect(onSite.status == 0 && onSite.output.contains("accepted"), "\(onSite.output)")
        let desk = try await Self.connect(folder, BrokerUser.callbacks)
        let followups = try await desk.consume(queue: BrokerTopology.followupsQueue, prefetch: 1)
        followups.cancel()
        await desk.close()
        let supervisor = try await Self.connect(folder, BrokerUser.supervisor)
        let watch = "wo.watch.sec-\(UUID().uuidString.prefix(6).lowercased())"
        _ = try await supervisor.declareQueue(QueueSpec(name: watch, durable: false, exclusive: true, autoDelete: true))
        try await supervisor.bindQueue(watch, to: BrokerTopology.eventsExchange, routingKey: "#")
        let readDispatch = await Self.refusal {
            _ = try await supervisor.consume(queue: BrokerTopology.dispatchQueue(for: "engineering"), prefetch: 1)
        }
        #expect(readDispatch?.code == 403, "a supervisor does not take the departments' tasks")
        await supervisor.close()
        let letters = try await WorkerProcessTests.run(["dead-letters", "list"] + file(BrokerUser.supervisor))
        #expect(letters.status == 0, "\(letters.output)")
        try await server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
