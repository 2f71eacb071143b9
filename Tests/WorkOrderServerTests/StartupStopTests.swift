import Foundation
import Glibc
import Testing
import WOTesting

/// A stop signal in the seconds a long-running command spends starting up (store,
/// policy, broker connect) stops it cleanly, instead of killing it with status 143.
@Suite("Processes: SIGTERM during start-up")
struct StartupStopTests {
    @Test(.timeLimit(.minutes(2)), arguments: [
        ["serve", "--store", "STORE"],
        ["worker", "--department", "engineering"],
        ["callbacks"],
    ])
    func sigtermWhileConnectingExitsZero(command: [String]) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: WorkerProcessTests.binary), "build the wo binary first")
        // A "broker" that accepts the connection and never answers: the process waits in
        // the AMQP handshake (10 s timeout), which is start-up held open on purpose.
        let listener = try SilentListener()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("wo-stop-\(UUID().uuidString.prefix(6)).sqlite").path
        let log = store + ".log"
        let arguments = command.map { $0.replacingOccurrences(of: "STORE", with: store) }
            + ["--amqp-url", "amqp://guest:guest@127.0.0.1:\(listener.port)/", "--log-level", "info",
               "--workflows", BrokerTestEnvironment.packageRoot + "/workflows"]
        let child = try ChildProcess(WorkerProcessTests.binary, arguments, outputPath: log)
        try await listener.waitForConnection(timeout: .seconds(60))
        child.signal(SIGTERM)
        let status = await child.wait()
        let output = LogFile.contents(log)
        #expect(status == 0, "exit status \(status): \(output)")
        #expect(output.contains("stopped during start-up"), "\(output)")
        for path in [store, log, store + ".serve-lock", store + "-wal", store + "-shm"] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

/// A TCP listener on 127.0.0.1 that accepts connections and says nothing.
final class SilentListener: Sendable {
    let port: UInt16
    private let socketFD: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw ListenerError(description: "cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        socketFD = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(socketFD) }

    /// Returns once a client has connected (the connection is left open, unanswered).
    func waitForConnection(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: socketFD, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) > 0 {
                // Accepted and deliberately not closed until the listener goes.
                _ = accept(socketFD, nil, nil)
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ListenerError(description: "nothing connected to 127.0.0.1:\(port) in \(timeout)")
    }
}

struct ListenerError: Error, CustomStringConvertible {
    var description: String
}
