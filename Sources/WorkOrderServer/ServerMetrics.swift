import Synchronization
import WorkOrderCore

/// The server's counters, exposed in Prometheus text format by `MetricsEndpoint`.
/// Kept dependency-free: a handful of labelled counters and gauges read on scrape.
public final class ServerMetrics: Sendable {
    private let counters = Mutex<[String: Double]>([:])
    private let gauges = Mutex<[String: @Sendable () async -> Double]>([:])

    public init() {}

    func increment(_ name: String, _ labels: [(String, String)] = [], by amount: Double = 1) {
        let key = labels.isEmpty ? name : name + "{" + labels.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ",") + "}"
        counters.withLock { $0[key, default: 0] += amount }
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
        gauges.withLock { $0[name] = read }
    }

    /// The Prometheus exposition text.
    public func render() async -> String {
        var lines: [String] = []
        for (key, value) in counters.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            lines.append("\(key) \(Self.format(value))")
        }
        for (name, read) in gauges.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            lines.append("\(name) \(Self.format(await read()))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Current value of a counter, for tests and logs.
    public func value(_ key: String) -> Double {
        counters.withLock { $0[key] ?? 0 }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
