import Prometheus
import Synchronization
import WorkOrderCore

/// The server's counters and gauges, kept in a swift-prometheus registry and exposed in
/// Prometheus text format by `MetricsEndpoint`. Gauges are read from the store at scrape
/// time; `value` gives tests and logs a counter's current value.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let counters = Mutex<[String: (counter: Counter, value: Double)]>([:])
    private let gauges = Mutex<[String: (gauge: Gauge, read: @Sendable () async -> Double)]>([:])

    public init() {}

    func increment(_ name: String, _ labels: [(String, String)] = [], by amount: Double = 1) {
        let key = labels.isEmpty ? name : name + "{" + labels.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ",") + "}"
        let counter = counters.withLock { counters -> Counter in
            if let existing = counters[key] {
                counters[key] = (existing.counter, existing.value + amount)
                return existing.counter
            }
            let made = registry.makeCounter(name: name, labels: labels)
            counters[key] = (made, amount)
            return made
        }
        counter.increment(by: amount)
    }

    func record(_ outcomes: [WorkOutcome]) {
        for outcome in outcomes {
            switch outcome {
            case .applied(let kind, let state):
                increment("wo_transitions_total", [("kind", kind.rawValue), ("state", state)])
                increment("wo_messages_in_total", [("outcome", "applied")])
            case .rejected:
                increment("wo_messages_in_total", [("outcome", "rejected")])
            case .deadLettered:
                increment("wo_dead_letters_total")
                increment("wo_messages_in_total", [("outcome", "dead_lettered")])
            case .duplicate:
                increment("wo_messages_in_total", [("outcome", "duplicate")])
            }
        }
    }

    func messagesOut(_ count: Int) { increment("wo_messages_out_total", by: Double(count)) }
    func timersFired(_ count: Int) { increment("wo_timers_fired_total", by: Double(count)) }

    /// A value read from the store at scrape time (outbox depth, armed timers).
    func gauge(_ name: String, _ read: @escaping @Sendable () async -> Double) {
        let gauge = registry.makeGauge(name: name)
        gauges.withLock { $0[name] = (gauge, read) }
    }

    /// The Prometheus exposition text, gauges read now.
    public func render() async -> String {
        for (_, entry) in gauges.withLock({ $0 }) {
            entry.gauge.set(to: await entry.read())
        }
        return registry.emitToString()
    }

    /// Current value of a counter, for tests and logs.
    public func value(_ key: String) -> Double {
        counters.withLock { $0[key]?.value ?? 0 }
    }
}
