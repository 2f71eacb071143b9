import Foundation
import Glibc

/// `--exec CMD`: the company's own program for a task, run with `/bin/sh -c CMD`, the
/// task's JSON on its standard input and `WO_ORDER_ID` / `WO_MESSAGE_TYPE` in its
/// environment. Its output goes where the worker's goes. Exit 0 means "handed on".
public struct TaskProgram: Sendable {
    public let command: String

    public init(command: String) {
        self.command = command
    }

    /// Runs the program to completion; returns its exit status (128 + n if killed by signal n).
    public func run(input: [UInt8], orderID: String, messageType: String) async throws -> Int32 {
        // The input goes through a private temporary file: no pipe to drain, no deadlock
        // with a program that does not read its input.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wo-task-\(UUID().uuidString).json").path
        guard FileManager.default.createFile(atPath: path, contents: Data(input), attributes: [.posixPermissions: 0o600]) else {
            throw TaskProgramError(description: "cannot write the task to \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["WO_ORDER_ID"] = orderID
        environment["WO_MESSAGE_TYPE"] = messageType
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, env)
        guard status == 0 else {
            throw TaskProgramError(description: "cannot start /bin/sh: \(String(cString: strerror(status)))")
        }
        return await Self.wait(for: pid)
    }

    /// waitpid on a thread of its own, so Swift's cooperative pool is never blocked.
    private static func wait(for pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                let exited = status & 0x7f == 0
                continuation.resume(returning: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
            }
            thread.start()
        }
    }
}

public struct TaskProgramError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
