import Foundation

/// Drives `scripts/broker` from tests: a second broker on its own port for tests that
/// stop and start the broker, so they never disturb tests sharing the main one.
public enum BrokerControl {
    public struct CommandFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `scripts/broker <action>` for `port` and returns its output.
    @discardableResult
    public static func run(_ action: String, _ arguments: String..., port: Int = 5672) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [BrokerTestEnvironment.brokerScript, action] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["WO_BROKER_PORT"] = "\(port)"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailed(description: "scripts/broker \(action) (port \(port)) failed: \(output)")
        }
        return output
    }
}
