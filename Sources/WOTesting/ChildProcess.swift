import Foundation
import Glibc

/// A child process started with posix_spawn and reaped with a polling waitpid.
/// Foundation's `Process.waitUntilExit` was seen to miss exits when several tests start
/// processes at once; polling never blocks a thread, and a cancelled wait kills the child.
public final class ChildProcess: Sendable {
    public let pid: pid_t

    /// Starts `path` with `arguments`; stdout and stderr go to `outputPath` (or /dev/null).
    public init(_ path: String, _ arguments: [String], environment: [String: String]? = nil, outputPath: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let output = outputPath ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, nil, argv, env)
        guard status == 0 else { throw ChildProcessError(description: "cannot start \(path): \(String(cString: strerror(status)))") }
        self.pid = pid
    }

    public func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the exit and returns the exit status (128 + n when killed by signal n).
    /// Polls with WNOHANG instead of blocking a thread in waitpid: a blocked thread would
    /// keep the test process alive after the last test if a child never exits.
    public func wait() async -> Int32 {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { return -1 }
            if Task.isCancelled {
                // A test that ran out of time takes its child down with it.
                kill(pid, SIGKILL)
                usleep(20_000)
            } else {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        let exited = status & 0x7f == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

public struct ChildProcessError: Error, CustomStringConvertible {
    public var description: String
}
