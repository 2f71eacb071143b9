import AMQPClient
import Foundation

/// A vhost of its own for one test, so servers under test never share queues.
public struct TestVhost: Sendable {
    public let name: String
    public let port: Int

    public static func create(port: Int = BrokerTestEnvironment.url.port) async throws -> TestVhost {
        let name = "wo-test-\(UUID().uuidString.prefix(8).lowercased())"
        try await BrokerControl.run("add-vhost", name, port: port)
        return TestVhost(name: name, port: port)
    }

    public var url: AMQPURL {
        var url = BrokerTestEnvironment.url
        url.port = port
        url.vhost = name
        return url
    }

    /// `amqp://…/<vhost>` for a child process's `--amqp-url`.
    public var urlString: String {
        let u = url
        return "amqp://\(u.user):\(u.password)@\(u.host):\(u.port)/\(name)"
    }

    public func delete() async {
        _ = try? await BrokerControl.run("delete-vhost", name, port: port)
    }
}
