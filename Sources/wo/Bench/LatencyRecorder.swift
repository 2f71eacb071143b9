import AMQPClient
import Histogram
import Synchronization

/// Latency figures in milliseconds, from an HdrHistogram of microseconds.
struct LatencyStats: Codable, Sendable {
    var count: Int
    var p50: Double
    var p99: Double
    var p999: Double
    var max: Double

    init(_ histogram: Histogram<UInt64>) {
        count = Int(histogram.totalCount)
        p50 = Double(histogram.valueAtPercentile(50)) / 1000
        p99 = Double(histogram.valueAtPercentile(99)) / 1000
        p999 = Double(histogram.valueAtPercentile(99.9)) / 1000
        max = Double(histogram.maxRecorded) / 1000
    }
}

/// Where the bench's deliveries are timed: on the connection's own thread as they
/// arrive (`DeliveryVerdict`), never after a hop through the task pool the server under
/// test shares.
///
/// A phase's requests are numbered; request `i` was due to leave at `epoch + i / rate`
/// (the paced publisher's schedule), and its latency is counted from then, so a
/// publisher that falls behind cannot hide a slow server (no coordinated omission).
final class LatencyRecorder: Sendable {
    struct Phase: Sendable {
        /// Message ids of this phase start with it: `lat-<run>-<label>-<i>`.
        var prefix: String
        var epoch: ContinuousClock.Instant
        var interval: Duration
        var count: Int
        /// Every `transitionEvery`-th dispatch is answered by a transition (0: none).
        var transitionEvery: Int
    }

    struct Pending: Sendable {
        var orderID: String
        var index: Int
    }

    private struct State {
        var phase: Phase?
        var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000)
        var received = 0
        var lastArrival: ContinuousClock.Instant?
        var transitions: [Pending] = []
        var replies = Histogram<UInt64>(highestTrackableValue: 600_000_000)
        var sentAt: [String: ContinuousClock.Instant] = [:]
        var repliesExpected = 0
        var stray = 0
    }

    private let state = Mutex(State())
    private let signal: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (signal, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func begin(_ phase: Phase) {
        state.withLock { s in
            s = State()
            s.phase = phase
        }
    }

    /// A delivery of the measured kind (a dispatch, or a raw hop's copy), timed now.
    func arrived(_ delivery: Delivery) -> DeliveryVerdict {
        let now = ContinuousClock.now
        guard let id = delivery.properties.messageID else { return .ack() }
        let parts = id.split(separator: "/", maxSplits: 2)
        let wake = state.withLock { s -> Bool in
            guard let phase = s.phase, parts[0].hasPrefix(phase.prefix), let i = Int(parts[0].dropFirst(phase.prefix.count)) else {
                s.stray += 1
                return false
            }
            let due = phase.epoch + phase.interval * i
            _ = s.histogram.record(UInt64(max(0, (now - due).microsecondsValue)))
            s.received += 1
            s.lastArrival = now
            if phase.transitionEvery > 0, i % phase.transitionEvery == 0, parts.count > 1 {
                s.transitions.append(Pending(orderID: String(parts[1]), index: i))
                s.repliesExpected += 1
                return true
            }
            return false
        }
        if wake { continuation.yield() }
        return .ack()
    }

    /// A reply to one of the bench's transitions.
    func replied(_ delivery: Delivery) -> DeliveryVerdict {
        let now = ContinuousClock.now
        state.withLock { s in
            guard let id = delivery.properties.correlationID, let sent = s.sentAt.removeValue(forKey: id) else { return }
            _ = s.replies.record(UInt64(max(0, (now - sent).microsecondsValue)))
        }
        return .ack()
    }

    /// Transitions to send, each stamped as sent now.
    func takeTransitions(id: (Pending) -> String) -> [Pending] {
        state.withLock { s in
            let taken = s.transitions
            s.transitions = []
            let now = ContinuousClock.now
            for p in taken { s.sentAt[id(p)] = now }
            return taken
        }
    }

    var wakeUps: AsyncStream<Void> { signal }

    struct Snapshot {
        var received: Int
        var lastArrival: ContinuousClock.Instant?
        var histogram: Histogram<UInt64>
        var replies: Histogram<UInt64>
        var repliesExpected: Int
        var stray: Int
    }

    var snapshot: Snapshot {
        state.withLock { s in
            Snapshot(received: s.received, lastArrival: s.lastArrival, histogram: s.histogram, replies: s.replies,
                     repliesExpected: s.repliesExpected, stray: s.stray)
        }
    }
}

extension Duration {
    var microsecondsValue: Int64 {
        let (s, atto) = components
        return s * 1_000_000 + atto / 1_000_000_000_000
    }

    var milliseconds: Double { seconds * 1000 }
}
