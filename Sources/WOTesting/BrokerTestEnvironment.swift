import AMQPClient
import Foundation

/// Where the test broker is: `WO_TEST_AMQP_URL`, else `WO_AMQP_URL`, else the project's
/// own broker on 127.0.0.1:5672 started by `scripts/broker start`.
public enum BrokerTestEnvironment {
    public static var url: AMQPURL {
        let env = ProcessInfo.processInfo.environment
        let text = env["WO_TEST_AMQP_URL"] ?? env["WO_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/"
        return (try? AMQPURL(parsing: text)) ?? .default
    }

    /// A name no other test run uses, for queues and exchanges.
    public static func uniqueName(_ prefix: String) -> String {
        "test.\(prefix).\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The broker control script of this checkout.
    public static var brokerScript: String {
        packageRoot + "/scripts/broker"
    }

    public static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}
