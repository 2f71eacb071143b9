import AMQPClient
import Foundation
import Logging
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderTopology

/// Intake → dispatch and transition → reply latency at a fixed offered load, beside the
/// raw broker hop at the same load. The intake system's side (a paced publisher on a
/// thread of its own) and the department's side (timed on the connection's thread) are
/// the same for both, so their ratio is the server's own cost.
struct LatencyProbe {
    /// The department's side: dispatches in, transitions out, replies in.
    let connection: AMQPConnection
    let ceiling: AMQPCeilingProbe
    let recorder: LatencyRecorder
    let run: String
    let seconds: Double
    let transitionEvery: Int
    let logger: Logger

    struct PhaseResult {
        var latency: LatencyStats
        var replies: LatencyStats?
        var repliesMissing: Int
        var received: Int
        var expected: Int
        /// From the last request's scheduled send to its dispatch's arrival.
        var drainMs: Double
        var publisherMaxLateMs: Double
    }

    func count(rate: Int) -> Int { max(1, Int((Double(rate) * seconds).rounded())) }

    /// An immediate repair, numbered within its phase.
    func intake(_ i: Int, label: String) -> IntakeRequest {
        IntakeRequest(
            kind: .repair, site: "BENCH", household: Household(building: "\(label.dropFirst())", unit: "\(i / 1000 + 1)", room: "\(i % 1000 + 100)"),
            owner: Owner(name: "bench", phone: "13800000000"), channel: .phone, subject: "latency \(label) \(i)", content: "latency benchmark request \(i)",
            fields: ["mode": "immediate", "category": "other"])
    }

    /// The raw hop: a plain librabbitmq client consuming A and publishing each to B with
    /// confirms, B read like the dispatch queue.
    func raw(rate: Int) async throws -> PhaseResult {
        let source = try await ceiling.freshQueue("latA")
        let target = try await ceiling.freshQueue("latB")
        let n = count(rate: rate)
        let label = "r\(rate)"
        let messages = (0..<n).map { i in
            RawBaseline.PacedMessage(exchange: "", routingKey: source, messageID: "lat-\(run)-\(label)-\(i)", body: intake(i, label: label).encodedForWire())
        }
        let recorder = self.recorder
        let sink = try await connection.consume(queue: target, prefetch: 1000) { recorder.arrived($0) }
        let url = connection.url
        let hop = Task { try await RawBaseline.hop(url: url, source: source, target: target, count: n, prefetch: 1000, batch: 50, keepProperties: true) }
        try await Task.sleep(for: .milliseconds(300))
        let result = try await phase(messages, label: label, rate: rate, transitions: 0)
        _ = try await hop.value
        sink.cancel()
        try await ceiling.deleteQueues()
        return result
    }

    /// The engine: repair requests to `wo.intake`, dispatches read from
    /// `wo.dispatch.engineering` (the caller consumes it into the recorder).
    func engine(rate: Int) async throws -> PhaseResult {
        let n = count(rate: rate)
        let label = "e\(rate)"
        let messages = (0..<n).map { i in
            RawBaseline.PacedMessage(exchange: BrokerTopology.intakeExchange, routingKey: "repair", messageID: "lat-\(run)-\(label)-\(i)",
                                     body: intake(i, label: label).encodedForWire())
        }
        return try await phase(messages, label: label, rate: rate, transitions: transitionEvery)
    }

    private func phase(_ messages: [RawBaseline.PacedMessage], label: String, rate: Int, transitions: Int) async throws -> PhaseResult {
        let interval = Duration.seconds(1) / rate
        let epoch = ContinuousClock.now + .milliseconds(50)
        recorder.begin(.init(prefix: "lat-\(run)-\(label)-", epoch: epoch, interval: interval, count: messages.count, transitionEvery: transitions))
        let paced = try await RawBaseline.paced(url: connection.url, messages: messages, rate: Double(rate), epoch: epoch)
        // Everything arrives, or the backlog is hopeless.
        let deadline = ContinuousClock.now + .seconds(60)
        var snapshot = recorder.snapshot
        while ContinuousClock.now < deadline {
            snapshot = recorder.snapshot
            if snapshot.received >= messages.count, Int(snapshot.replies.totalCount) >= snapshot.repliesExpected { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let lastDue = epoch + interval * (messages.count - 1)
        let drain = snapshot.lastArrival.map { ($0 - lastDue).milliseconds } ?? .infinity
        return PhaseResult(
            latency: LatencyStats(snapshot.histogram),
            replies: snapshot.repliesExpected > 0 ? LatencyStats(snapshot.replies) : nil,
            repliesMissing: snapshot.repliesExpected - Int(snapshot.replies.totalCount),
            received: snapshot.received, expected: messages.count,
            drainMs: snapshot.received >= messages.count ? drain : .infinity,
            publisherMaxLateMs: paced.maxSendLateness.milliseconds)
    }

    /// Answers every `transitionEvery`-th dispatch as a technician would (`on_site`),
    /// with a reply queue: the transition → reply latency. Runs until cancelled.
    func answerDispatches(replyQueue: String) async {
        for await _ in recorder.wakeUps {
            let pending = recorder.takeTransitions { self.transitionID($0) }
            guard !pending.isEmpty else { continue }
            let messages = pending.map { p in
                let body = TransitionMessage(orderID: p.orderID, event: "on_site", actor: Actor(id: "bench-tech", role: .technician))
                let id = transitionID(p)
                return OutgoingMessage(
                    exchange: BrokerTopology.transitionsExchange, routingKey: "task.on_site", body: body.encoded(),
                    properties: MessageProperties(contentType: "application/json", messageID: id, correlationID: id, replyTo: replyQueue, type: "transition"))
            }
            let failures = await connection.publishEach(messages).compactMap { $0 }
            if let first = failures.first { logger.warning("transition not confirmed", metadata: ["amqp.error": "\(first)"]) }
        }
    }

    func transitionID(_ p: LatencyRecorder.Pending) -> String { "latT-\(run)-\(p.orderID)" }
}
