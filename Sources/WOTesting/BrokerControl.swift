import Foundation

/// Drives `scripts/broker` from tests: a second broker on its own port for tests that
/// stop and start the broker, so they never disturb tests sharing the main one.
public enum BrokerControl {
    public struct CommandFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `scripts/broker <action>` for `port` and returns its output. `environment`
    /// adds variables for the script, e.g. `WO_BROKER_TLS_PORT` for a TLS listener.
    @discardableResult
    public static func run(_ action: String, _ arguments: String..., port: Int = 5672, environment extra: [String: String] = [:]) async throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["WO_BROKER_TLS_PORT"] = nil  // only the callers that ask for TLS get it
        environment.merge(extra) { _, new in new }
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
