import Foundation

/// Drives `scripts/broker` from tests: a second broker on its own port for tests that
/// stop and start the broker, so they never disturb tests sharing the main one.
public enum BrokerControl {
    public struct CommandFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `scripts/broker <action>` for `port` and returns its output.
    @discardableResult
    public static func run(_ action: String, _ arguments: String..., port: Int = 5672) async throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["WO_BROKER_PORT"] = "\(port)"
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("wo-broker-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let child = try ChildProcess("/bin/bash", [BrokerTestEnvironment.brokerScript, action] + arguments, environment: environment, outputPath: log)
        let status = await child.wait()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw CommandFailed(description: "scripts/broker \(action) (port \(port)) failed: \(output)")
        }
        return output
    }
}
