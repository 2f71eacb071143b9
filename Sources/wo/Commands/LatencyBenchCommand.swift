import AMQPClient
import ArgumentParser
import Foundation
import Logging
import WorkOrderCore
import WorkOrderStore
import WorkOrderTopology

/// `wo bench latency`: intake → dispatch and transition → reply at fixed offered loads,
/// beside the raw broker hop at the same loads in the same run.
struct LatencyBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Measure intake → dispatch and transition → reply latency at fixed loads, against the raw broker hop.",
        discussion: """
            For each load, a paced publisher (a thread of its own) offers repair requests for \
            --seconds; their latency counts from each request's scheduled send time to its \
            dispatch arriving on wo.dispatch.engineering, timed on the connection's thread. \
            Every --transition-every-th dispatch is answered with an on_site transition \
            (reply_to a queue of the bench): transition → reply. The raw hop (a plain \
            librabbitmq client: consume A → publish B with confirms → ack A) is offered the \
            same load just before. The engine keeps up at a load when every dispatch arrived, \
            the last within 1 s of the last request, and p99 stayed under 1 s. \
            Needs a vhost of its own (scripts/bench makes 'wo-bench'); the server runs in this \
            process on a new SQLite file (or --postgres schema), removed afterwards.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policy: PolicyOptions

    @Option(parsing: .upToNextOption, help: "Offered loads, requests/s.")
    var rates: [Int] = [250, 500, 1000, 2000]

    @Option(help: "Seconds each load is offered.")
    var seconds: Double = 5

    @Option(help: "Answer every N-th dispatch with a transition (0: none).")
    var transitionEvery = 5

    @OptionGroup var output: BenchStoreOptions

    struct Row: Codable {
        var rate: Int
        var requests: Int
        var intakeToDispatch: LatencyStats
        var rawHop: LatencyStats
        /// Engine over raw hop, same load, same run.
        var ratioP50: Double
        var ratioP99: Double
        var transitionToReply: LatencyStats?
        var repliesMissing: Int
        var dispatched: Int
        /// Last scheduled request → its dispatch (ms); null when not all arrived.
        var drainMs: Double?
        var keptUp: Bool
        var publisherMaxLateMs: Double
        var rawPublisherMaxLateMs: Double
    }

    struct Report: Codable {
        var store: String
        var seconds: Double
        var transitionEvery: Int
        var rows: [Row]
        /// The highest load at which the engine kept up.
        var highestKeptUp: Int?
    }

    func validate() throws {
        guard !rates.isEmpty, rates.allSatisfy({ $0 > 0 && $0 <= 50_000 }) else { throw ValidationError("--rates: 1…50000 requests/s each") }
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds: more than 0, at most 600") }
        guard transitionEvery >= 0 else { throw ValidationError("--transition-every: 0 or more") }
    }

    func run() async throws {
        let logger = Logging.bootstrap(level: .warning)
        let policySet = try policy.load()
        let url = try connection.resolvedURL()
        let amqp = try await AMQPConnection.connect(to: url, name: "wo-bench", reconnect: .never, logger: logger)
        try await BrokerTopology.declare(on: amqp)
        try await BenchSupport.refuseSharedVhost(amqp, command: "latency")
        let location = try output.freshStore()
        let store = try await OrderStores.open(location, logger: logger)
        let server = try await InProcessServer.start(url: url, store: store, policy: policySet, logger: logger)
        let recorder = LatencyRecorder()
        let replyQueue = "wo.reply.bench-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await amqp.declareQueue(QueueSpec(name: replyQueue, durable: false, exclusive: true, autoDelete: true))
        let dispatches = try await amqp.consume(queue: BrokerTopology.dispatchQueue(for: Department.engineering.queueName), prefetch: 1000) { recorder.arrived($0) }
        let replies = try await amqp.consume(queue: replyQueue, prefetch: 1000) { recorder.replied($0) }
        let probe = LatencyProbe(
            connection: amqp, ceiling: AMQPCeilingProbe(connection: amqp, queueType: .classicV2, bodySize: 512, logger: logger),
            recorder: recorder, run: String(UUID().uuidString.prefix(6).lowercased()), seconds: seconds, transitionEvery: transitionEvery, logger: logger)
        let answering = Task { await probe.answerDispatches(replyQueue: replyQueue) }
        // A short warm-up, not reported: the first orders pay for opening files and caches.
        _ = try await LatencyProbe(connection: amqp, ceiling: probe.ceiling, recorder: recorder, run: probe.run + "w", seconds: 1,
                                   transitionEvery: transitionEvery, logger: logger).engine(rate: 100)
        var rows: [Row] = []
        for rate in rates.sorted() {
            let raw = try await probe.raw(rate: rate)
            let engine = try await probe.engine(rate: rate)
            let drain: Double? = engine.drainMs.isFinite ? engine.drainMs : nil
            let keptUp = engine.received >= engine.expected && (drain ?? .infinity) <= 1000 && engine.latency.p99 <= 1000
            rows.append(Row(
                rate: rate, requests: engine.expected, intakeToDispatch: engine.latency, rawHop: raw.latency,
                ratioP50: engine.latency.p50 / max(raw.latency.p50, 0.001), ratioP99: engine.latency.p99 / max(raw.latency.p99, 0.001),
                transitionToReply: engine.replies, repliesMissing: engine.repliesMissing, dispatched: engine.received, drainMs: drain,
                keptUp: keptUp, publisherMaxLateMs: engine.publisherMaxLateMs, rawPublisherMaxLateMs: raw.publisherMaxLateMs))
            if !output.json { FileHandle.standardError.write(Data("measured: \(rate)/s\n".utf8)) }
            // A backlog that did not drain would spoil every higher load.
            if engine.received < engine.expected { break }
        }
        answering.cancel()
        dispatches.cancel()
        replies.cancel()
        try await server.stop()
        try await store.close()
        try await OrderStores.removeScratch(location, logger: logger)
        await amqp.close()
        let report = Report(
            store: output.storeName, seconds: seconds, transitionEvery: transitionEvery, rows: rows,
            highestKeptUp: rows.filter(\.keptUp).map(\.rate).max())
        if output.json {
            try printJSON(report)
        } else {
            print(Self.table(report))
        }
    }

    static func table(_ r: Report) -> String {
        func ms(_ v: Double) -> String { v >= 100 ? String(format: "%.0f", v) : v >= 10 ? String(format: "%.1f", v) : String(format: "%.2f", v) }
        func stats(_ s: LatencyStats) -> [String] { [ms(s.p50), ms(s.p99), ms(s.p999), ms(s.max)] }
        var lines = [
            "Latency, \(r.store) store: repair request → dispatch on wo.dispatch.engineering (ms), each load offered for \(r.seconds) s",
            "",
        ]
        let header = ["req/s", "p50", "p99", "p99.9", "max", "raw p50", "raw p99", "raw p99.9", "raw max", "×p50", "×p99", "drain", "kept up"]
        var cells = [header]
        for row in r.rows {
            cells.append(["\(row.rate)"] + stats(row.intakeToDispatch) + stats(row.rawHop) + [
                String(format: "%.1f", row.ratioP50), String(format: "%.1f", row.ratioP99),
                row.drainMs.map(ms) ?? "\(row.requests - row.dispatched) left", row.keptUp ? "yes" : "no",
            ])
        }
        lines += aligned(cells)
        if r.transitionEvery > 0 {
            lines += ["", "Transition (on_site, every \(r.transitionEvery)th dispatch) → reply (ms):", ""]
            var replyCells = [["req/s", "replies", "p50", "p99", "p99.9", "max", "missing"]]
            for row in r.rows {
                guard let t = row.transitionToReply else { continue }
                replyCells.append(["\(row.rate)", "\(t.count)"] + stats(t) + ["\(row.repliesMissing)"])
            }
            lines += aligned(replyCells)
        }
        lines.append("")
        lines.append("raw: a plain librabbitmq client (consume A → publish B, confirms → ack A) offered the same load just before, same publisher and reader.")
        lines.append("kept up: every dispatch arrived, the last within 1 s of the last request, p99 under 1 s.")
        lines.append("highest load kept up: " + (r.highestKeptUp.map { "\($0) requests/s" } ?? "none"))
        return lines.joined(separator: "\n")
    }

    static func aligned(_ cells: [[String]]) -> [String] {
        let widths = cells[0].indices.map { i in cells.map { $0[i].count }.max()! }
        var lines: [String] = []
        for (n, row) in cells.enumerated() {
            lines.append(row.enumerated().map { i, cell in String(repeating: " ", count: widths[i] - cell.count) + cell }.joined(separator: "  "))
            if n == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines
    }
}
