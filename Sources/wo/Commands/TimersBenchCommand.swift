import AMQPClient
import ArgumentParser
import Foundation
import Logging
import Synchronization
import WorkOrderCore
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// `wo bench timers`: a million pending timers in the store, the server's memory with
/// them, then a hundred thousand falling due in the same second while intakes go on.
struct TimersBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timers",
        abstract: "Measure arming many timers, the server's RSS with them pending, and many falling due at once while intakes are answered.",
        discussion: """
            Arms --timers timers in a new store: --due of them belong to immediate repairs \
            opened through the engine (their on-site deadlines), the rest are deadlines and \
            call-backs due in 30 days. Starts the server in this process, reads its RSS \
            (VmRSS) with them pending, then moves the --due deadlines to one instant a few \
            seconds ahead. Lateness is each order's firing (its history row) after that \
            instant; the drain ends when no timer is due any more. Repair requests are offered \
            at --intake-rate from a second before the instant until the drain ends, and their \
            intake → dispatch latency is reported. Then, with the server stopped, a plain \
            client publishes as many messages as the drain wrote, of the same size, with \
            confirms: the same run's raw broker, against which the drain is a ratio. Needs a \
            vhost of its own (scripts/bench makes 'wo-bench').
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var policy: PolicyOptions

    @Option(help: "Timers pending in the store.")
    var timers = 1_000_000

    @Option(help: "Of those, how many fall due in the same second.")
    var due = 100_000

    @Option(help: "Repair requests/s offered while they fire.")
    var intakeRate = 100

    @OptionGroup var output: BenchStoreOptions

    struct Report: Codable {
        var store: String
        var timers: Int
        var due: Int
        var armSeconds: Double
        var armedPerSecond: Double
        /// The orders the due timers belong to, opened through the engine (included in `armSeconds`).
        var openOrdersSeconds: Double
        var rssMBPending: Double?
        var rssMBBeforeServer: Double?
        var rssMBAfterDrain: Double?
        var latenessP50ms: Double
        var latenessP99ms: Double
        var latenessMaxMs: Double
        var notFired: Int
        var drainSeconds: Double
        var firedPerSecond: Double
        /// Until their messages (escalations, events) were all confirmed by the broker.
        var outboxEmptySeconds: Double?
        /// The messages the drain wrote (measured per firing on a sample of the orders).
        var messagesEmitted: Int
        /// The raw broker, same run, after the server stopped: a plain client publishing as
        /// many messages of the same size with confirms (500 in flight, as the outbox does).
        var rawPublishSeconds: Double
        var drainToRawRatio: Double
        var confirmedToRawRatio: Double?
        var intakeRate: Int
        var intakes: LatencyStats
        var intakesAnswered: Int
        var intakesSent: Int
    }

    func validate() throws {
        guard timers > 0, due >= 0, due <= timers else { throw ValidationError("--due must be between 0 and --timers") }
        guard intakeRate > 0, intakeRate <= 10_000 else { throw ValidationError("--intake-rate: 1…10000") }
    }

    func run() async throws {
        let logger = Logging.bootstrap(level: .warning)
        let policySet = try policy.load()
        let url = try connection.resolvedURL()
        let amqp = try await AMQPConnection.connect(to: url, name: "wo-bench", reconnect: .never, logger: logger)
        try await BrokerTopology.declare(on: amqp)
        try await BenchSupport.refuseSharedVhost(amqp, command: "timers")
        let location = try output.freshStore()
        let store = try await OrderStores.open(location, logger: logger)
        let probe = TimersProbe(store: store, engine: WorkflowEngine(policy: policySet), logger: logger)

        // Arming: the due orders (with whatever their opening arms), then the rest far ahead.
        note("opening \(due) repairs for the due timers…")
        let opened = try await probe.openOrders(count: due)
        note("arming \(max(0, timers - opened.timers)) more timers…")
        let farSeconds = try await probe.armFar(count: max(0, timers - opened.timers))
        let armSeconds = opened.seconds + farSeconds
        let pending = try await store.armedTimerCount()
        let rssBefore = BenchSupport.residentMB()

        let server = try await InProcessServer.start(url: url, store: store, policy: policySet, logger: logger)
        try await Task.sleep(for: .seconds(3))
        let rssPending = BenchSupport.residentMB()
        note("\(pending) timers pending; server RSS \(rssPending.map { String(format: "%.0f MB", $0) } ?? "?")")

        // The department's side, as in `wo bench latency`.
        let recorder = LatencyRecorder()
        let dispatches = try await amqp.consume(queue: BrokerTopology.dispatchQueue(for: Department.engineering.queueName), prefetch: 1000) { recorder.arrived($0) }
        let run = String(UUID().uuidString.prefix(6).lowercased())
        let latency = LatencyProbe(connection: amqp, ceiling: AMQPCeilingProbe(connection: amqp, queueType: .classicV2, bodySize: 512, logger: logger),
                                   recorder: recorder, run: run, seconds: 1, transitionEvery: 0, logger: logger)

        // The instant they fall due, a few seconds ahead of the move.
        let dueAt = Instant(millisecondsSinceEpoch: WorkClock.wallNow().millisecondsSinceEpoch + 5000)
        try await probe.move(opened.ids, to: dueAt)
        let dueWall = ContinuousClock.now + .milliseconds(dueAt.millisecondsSinceEpoch - WorkClock.wallNow().millisecondsSinceEpoch)
        note("\(opened.ids.count) deadlines due at one instant; offering \(intakeRate) intakes/s meanwhile…")

        // Intakes from a second before the instant until the drain ends.
        let stop = StopFlag()
        let label = "t\(intakeRate)"
        let maxIntakes = intakeRate * 900

        let interval = Duration.seconds(1) / intakeRate
        let epoch = dueWall - .seconds(1)
        recorder.begin(.init(prefix: "lat-\(run)-\(label)-", epoch: epoch, interval: interval, count: maxIntakes, transitionEvery: 0))
        let offering = Task {
            try await RawBaseline.paced(url: url, count: maxIntakes, rate: Double(intakeRate), epoch: epoch, stop: { stop.isSet }) { i in
                RawBaseline.PacedMessage(exchange: BrokerTopology.intakeExchange, routingKey: "repair", messageID: "lat-\(run)-\(label)-\(i)",
                                         body: latency.intake(i, label: label).encodedForWire())
            }
        }

        // Drained: nothing due at the instant any more.
        try await Task.sleep(until: dueWall)
        while try await !store.dueTimers(at: dueAt, limit: 1).isEmpty {
            try await Task.sleep(for: .milliseconds(100))
        }
        let drainSeconds = (ContinuousClock.now - dueWall).seconds
        stop.set()
        let sent = try await offering.value.sent
        note(String(format: "drained in %.1f s; waiting for the outbox…", drainSeconds))
        note(BenchSupport.writerBatches(server.metrics))
        var outboxEmpty: Double?
        let outboxDeadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < outboxDeadline {
            if try await store.outboxDepth() == 0 {
                outboxEmpty = (ContinuousClock.now - dueWall).seconds
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let answeredBy = ContinuousClock.now + .seconds(30)
        while recorder.snapshot.received < sent, ContinuousClock.now < answeredBy { try await Task.sleep(for: .milliseconds(50)) }
        let intakeSnapshot = recorder.snapshot
        let rssAfter = BenchSupport.residentMB()
        let (lateness, missing) = try await probe.lateness(opened.ids, due: dueAt)

        let emitted = try await probe.messagesPerFiring(opened.ids)
        let messagesEmitted = Int((emitted.perFiring * Double(opened.ids.count - missing)).rounded())

        dispatches.cancel()
        try await server.stop()
        _ = try? await amqp.purgeQueue(BrokerTopology.followupsQueue)

        // The same-run reference: how long the broker alone takes to take those messages.
        note("the raw broker: \(messagesEmitted) confirmed publishes of \(emitted.bodyBytes) bytes…")
        let raw = AMQPCeilingProbe(connection: amqp, queueType: .classicV2, bodySize: max(1, emitted.bodyBytes), logger: logger)
        let rawQueue = try await raw.freshQueue("rawtimers")
        let rawSeconds = messagesEmitted > 0
            ? try await RawBaseline.publish(url: url, queue: rawQueue, count: messagesEmitted, window: 500, bodySize: max(1, emitted.bodyBytes)).seconds
            : 0
        try await raw.deleteQueues()
        try await store.close()
        try await OrderStores.removeScratch(location, logger: logger)
        await amqp.close()

        let l = LatencyStats(lateness)
        let report = Report(
            store: output.storeName, timers: pending, due: opened.ids.count, armSeconds: armSeconds,
            armedPerSecond: Double(pending) / armSeconds, openOrdersSeconds: opened.seconds,
            rssMBPending: rssPending, rssMBBeforeServer: rssBefore, rssMBAfterDrain: rssAfter,
            latenessP50ms: l.p50, latenessP99ms: l.p99, latenessMaxMs: l.max, notFired: missing, drainSeconds: drainSeconds,
            firedPerSecond: Double(opened.ids.count - missing) / drainSeconds, outboxEmptySeconds: outboxEmpty,
            messagesEmitted: messagesEmitted, rawPublishSeconds: rawSeconds, drainToRawRatio: rawSeconds > 0 ? drainSeconds / rawSeconds : 0,
            confirmedToRawRatio: rawSeconds > 0 ? outboxEmpty.map { $0 / rawSeconds } : nil,
            intakeRate: intakeRate, intakes: LatencyStats(intakeSnapshot.histogram), intakesAnswered: intakeSnapshot.received, intakesSent: sent)
        if output.json {
            try printJSON(report)
        } else {
            print(Self.table(report))
        }
    }

    func note(_ text: String) {
        if !output.json { FileHandle.standardError.write(Data("\(text)\n".utf8)) }
    }

    static func table(_ r: Report) -> String {
        func mb(_ v: Double?) -> String { v.map { String(format: "%.0f MB", $0) } ?? "?" }
        return """
            Timers, \(r.store) store

            pending timers: \(r.timers) (deadlines and call-backs), armed in \(String(format: "%.1f s (%.0f/s)", r.armSeconds, r.armedPerSecond)); \
            of that, opening the \(r.due) orders the due ones belong to: \(String(format: "%.1f s", r.openOrdersSeconds))
            RSS of the process with them pending, server running: \(mb(r.rssMBPending)) (before the server started: \(mb(r.rssMBBeforeServer)); after the drain: \(mb(r.rssMBAfterDrain)))
            \(r.due) due in the same second: lateness p50 \(String(format: "%.0f", r.latenessP50ms)) ms, p99 \(String(format: "%.0f", r.latenessP99ms)) ms, \
            max \(String(format: "%.0f", r.latenessMaxMs)) ms; not fired: \(r.notFired)
            drained (none due any more) after \(String(format: "%.1f s (%.0f fired/s)", r.drainSeconds, r.firedPerSecond)); \
            their messages all confirmed after \(r.outboxEmptySeconds.map { String(format: "%.1f s", $0) } ?? "more than 300 s")
            the raw broker (same run) took \(String(format: "%.1f s", r.rawPublishSeconds)) to confirm as many messages (\(r.messagesEmitted)): \
            drain \(String(format: "%.1f×", r.drainToRawRatio)) that, all confirmed \(r.confirmedToRawRatio.map { String(format: "%.1f×", $0) } ?? "?")
            meanwhile, \(r.intakesSent) repair requests at \(r.intakeRate)/s: intake → dispatch p50 \(String(format: "%.1f", r.intakes.p50)) ms, \
            p99 \(String(format: "%.1f", r.intakes.p99)) ms, p99.9 \(String(format: "%.1f", r.intakes.p999)) ms, max \(String(format: "%.1f", r.intakes.max)) ms \
            (\(r.intakesAnswered) dispatched)
            """
    }
}

/// Tells the paced publisher (on its own thread) to stop.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
}
