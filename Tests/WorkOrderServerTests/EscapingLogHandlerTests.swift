import Logging
import Synchronization
import Testing
@testable import WorkOrderServer

/// A newline and a fake timestamp in a sender's value can never start a log line.
@Suite struct EscapingLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    struct Recording: LogHandler {
        let sink: Lines
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let values = (metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            sink.lines.withLock { $0.append("\(message) \(values)") }
        }
    }

    @Test func controlCharactersAreEscapedAndValuesBounded() {
        let sink = Lines()
        let logger = Logger(label: "test") { _ in EscapingLogHandler(wrapping: Recording(sink: sink), limit: 100) }
        let forged = "phone\n2026-12-01T00:00:00+0000 info wo: server stopped"
        logger.warning("dead-lettered \(forged)", metadata: [
            "workorder.reason": "\(forged)", "nested": .array([.string("a\u{0}b")]), "long": "\(String(repeating: "x", count: 5000))",
        ])
        let line = sink.lines.withLock { $0 }.joined()
        #expect(!line.contains("\n"))
        #expect(!line.contains("\u{0}"))
        #expect(line.contains("phone\\u{A}2026-12-01"))
        #expect(line.contains("u{0}b"))
        #expect(line.count < 600, "\(line.count) characters")
    }
}
