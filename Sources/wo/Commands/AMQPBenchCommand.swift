import AMQPClient
import ArgumentParser
import Foundation
import Logging

/// `wo bench amqp`: the broker ceiling for 512-byte persistent messages.
struct AMQPBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amqp",
        abstract: "Measure the raw broker ceiling (publish/confirm, consume/ack, consume->publish->ack) and hop latency."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Messages per measurement (the 1-outstanding publish uses a tenth).")
    var messages = 30_000

    @Option(help: "Repetitions per pattern; min / median / max are reported.")
    var runs = 3

    @Option(help: "Body size in bytes.")
    var size = 512

    enum QueueKind: String, ExpressibleByArgument, CaseIterable {
        case classic, classicV2 = "classic-v2", quorum

        var queueType: QueueType {
            switch self {
            case .classic: .classic
            case .classicV2: .classicV2
            case .quorum: .quorum
            }
        }
    }

    // AMQP-NOTES measured classic v1 queues; the server declares classic v2.
    @Option(help: "Queue type: classic (v1, as AMQP-NOTES measured), classic-v2 (what the server declares) or quorum.")
    var queueType = QueueKind.classicV2

    @Option(help: "Measure only this pattern (repeatable): publish-1, publish-1000, consume-100, consume-1000, hop-100, hop-1000.")
    var pattern: [AMQPCeilingProbe.Pattern] = []

    @Option(help: "Offered rate (msgs/s) for the hop-latency measurement; 0 skips it.")
    var latencyRate = 1000

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    struct Row: Codable {
        var pattern: String
        var messages: Int
        var min: Double
        var median: Double
        var max: Double
        var reference: Double
        var ratioToReference: Double
        /// The same pattern as a plain single-threaded librabbitmq client, measured in
        /// the same run (`RawBaseline`).
        var rawMedian: Double?
        var ratioToRaw: Double?
    }

    struct Report: Codable {
        var queueType: String
        var bodySize: Int
        var rows: [Row]
        var hopLatencyRate: Int?
        var hopLatencyP50ms: Double?
        var hopLatencyP99ms: Double?
    }

    func run() async throws {
        let logger = Logging.bootstrap(level: .warning)
        let amqp = try await AMQPConnection.connect(to: try connection.resolvedURL(), name: "wo-bench", reconnect: .never, logger: logger)
        let probe = AMQPCeilingProbe(connection: amqp, queueType: queueType.queueType, bodySize: size, logger: logger)
        var rows: [Row] = []
        for pattern in AMQPCeilingProbe.Pattern.allCases where self.pattern.isEmpty || self.pattern.contains(pattern) {
            let count = pattern == .publishConfirm1 ? max(messages / 10, 100) : messages
            var rates: [Double] = [], raw: [Double] = []
            for _ in 0..<max(runs, 1) {
                // Interleaved, so both see the same machine.
                raw.append(try await probe.raw(pattern, count: count))
                try await probe.deleteQueues()
                rates.append(try await probe.rate(pattern, count: count))
                try await probe.deleteQueues()
            }
            let median = rates.median!
            let rawMedian = raw.median
            rows.append(Row(pattern: pattern.rawValue, messages: count, min: rates.min()!, median: median, max: rates.max()!,
                            reference: pattern.reference, ratioToReference: median / pattern.reference,
                            rawMedian: rawMedian, ratioToRaw: rawMedian.map { median / $0 }))
            if !json { FileHandle.standardError.write(Data("measured: \(pattern.rawValue)\n".utf8)) }
        }
        var report = Report(queueType: queueType.rawValue, bodySize: size, rows: rows)
        if latencyRate > 0 {
            let (p50, p99) = try await probe.hopLatency(rate: latencyRate, seconds: 5)
            try await probe.deleteQueues()
            report.hopLatencyRate = latencyRate
            report.hopLatencyP50ms = p50
            report.hopLatencyP99ms = p99
        }
        await amqp.close()
        if json {
            try printJSON(report)
        } else {
            print(Self.table(report))
        }
    }

    static func table(_ report: Report) -> String {
        var lines = ["AMQP ceiling, \(report.queueType) queues, \(report.bodySize)-byte persistent messages (msgs/s)", ""]
        let header = ["pattern", "msgs", "min", "median", "max", "AMQP-NOTES", "ratio", "raw, same run", "ratio"]
        var cells = [header]
        for row in report.rows {
            cells.append([row.pattern, "\(row.messages)", fmt(row.min), fmt(row.median), fmt(row.max), fmt(row.reference), String(format: "%.0f%%", row.ratioToReference * 100),
                          row.rawMedian.map(fmt) ?? "-", row.ratioToRaw.map { String(format: "%.0f%%", $0 * 100) } ?? "-"])
        }
        let widths = header.indices.map { i in cells.map { $0[i].count }.max()! }
        for (n, row) in cells.enumerated() {
            let line = row.enumerated().map { i, cell in i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[i] - cell.count) + cell }
            lines.append(line.joined(separator: "  "))
            if n == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        lines.append("")
        lines.append("raw, same run: the same pattern as a plain librabbitmq client on one thread (blocking calls, no hand-offs), median of the same runs.")
        if let rate = report.hopLatencyRate, let p50 = report.hopLatencyP50ms, let p99 = report.hopLatencyP99ms {
            lines.append("")
            lines.append(String(format: "hop latency at %d msgs/s: p50 %.2f ms, p99 %.2f ms (AMQP-NOTES: p50 ≈ 0.2 ms, p99 ≈ 2.4 ms)", rate, p50, p99))
        }
        return lines.joined(separator: "\n")
    }

    static func fmt(_ rate: Double) -> String {
        rate >= 10_000 ? String(format: "%.1fk", rate / 1000) : String(format: "%.2fk", rate / 1000)
    }
}

extension AMQPCeilingProbe.Pattern: ExpressibleByArgument {
    init?(argument: String) {
        guard let found = Self.allCases.first(where: { $0.argument == argument }) else { return nil }
        self = found
    }

    static var allValueStrings: [String] { allCases.map(\.argument) }
}
