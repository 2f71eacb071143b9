import AMQPClient
import Foundation
import Histogram
import Logging
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderServer
import WorkOrderStore

/// Timers at scale, written straight into a store the way the writer commits them
/// (`UnitOfWork.armTimers`, many units per transaction).
struct TimersProbe {
    let store: any OrderStore
    let engine: WorkflowEngine
    let logger: Logger

    /// Purposes of the timers that stay pending: deadlines and call-backs.
    static let farPurposes: [TimerPurpose] = [.on_site, .arrival_check, .handling, .reply, .response, .callback, .callback_retry, .escalation]

    /// Arms `count` timers due in 30 days, for orders that are never loaded (each fires
    /// only after the bench), `perCommit` per transaction. Returns the seconds taken.
    func armFar(count: Int, perCommit: Int = 20_000) async throws -> Double {
        let due = Instant(millisecondsSinceEpoch: WorkClock.wallNow().millisecondsSinceEpoch + 30 * 86_400_000)
        let start = ContinuousClock.now
        var armed = 0
        var commit = 0
        while armed < count {
            var units: [UnitOfWork] = []
            let end = min(armed + perCommit, count)
            for first in stride(from: armed, to: end, by: 1000) {
                let timers = (first..<min(first + 1000, end)).map { i in
                    ArmedTimer(
                        id: TimerID(order: String(format: "R-20300101-%08X", i / Self.farPurposes.count), purpose: Self.farPurposes[i % Self.farPurposes.count]),
                        due: Instant(millisecondsSinceEpoch: due.millisecondsSinceEpoch + Int64(i % 86_400) * 1000))
                }
                units.append(UnitOfWork(messageID: "bench-arm-\(commit)-\(first)", armTimers: timers))
            }
            _ = try await store.commit(units)
            armed = end
            commit += 1
        }
        return (ContinuousClock.now - start).seconds
    }

    /// Opens `count` immediate repairs through the engine (orders and the timers their
    /// opening arms, as the writer would commit them, without messages) and returns their
    /// ids, the timers armed, and the seconds taken.
    func openOrders(count: Int, perCommit: Int = 1000) async throws -> (ids: [String], timers: Int, seconds: Double) {
        let start = ContinuousClock.now
        let now = WorkClock.wallNow()
        var ids: [String] = []
        ids.reserveCapacity(count)
        var timers = 0
        var units: [UnitOfWork] = []
        for i in 0..<count {
            let id = String(format: "R-20300102-%08X", i)
            let request = IntakeRequest(
                kind: .repair, site: "BENCH", household: Household(building: "\(i / 1000 + 1)", unit: "1", room: "\(i % 1000 + 100)"),
                owner: Owner(name: "bench", phone: "13800000000"), channel: .phone, subject: "timer bench \(i)", content: "timer benchmark order \(i)",
                fields: ["mode": "immediate", "category": "other"])
            guard case .success(let step) = engine.open(request, id: id, at: now) else {
                throw BenchError("the policy refused the bench's repair request")
            }
            let armed = step.actions.compactMap { action -> ArmedTimer? in
                if case .armTimer(let id, let due) = action { return ArmedTimer(id: id, due: due) }
                return nil
            }
            timers += armed.count
            units.append(UnitOfWork(messageID: "bench-open-\(i)", orders: [step.order], intakeMessageID: "bench-open-\(i)", armTimers: armed))
            ids.append(id)
            if units.count == perCommit || i == count - 1 {
                _ = try await store.commit(units)
                units = []
            }
        }
        return (ids, timers, (ContinuousClock.now - start).seconds)
    }

    /// Moves these orders' on-site deadlines to `due` (arming an armed id again moves it).
    func move(_ ids: [String], to due: Instant) async throws {
        for start in stride(from: 0, to: ids.count, by: 20_000) {
            let chunk = ids[start..<min(start + 20_000, ids.count)]
            _ = try await store.commit([UnitOfWork(
                messageID: "bench-move-\(due.millisecondsSinceEpoch)-\(start)",
                armTimers: chunk.map { ArmedTimer(id: TimerID(order: $0, purpose: .on_site), due: due) })])
        }
    }

    /// The messages the drain wrote for each firing (follow-ups, events, dispatches) and
    /// their mean body size, from the outbox rows of a sample of the fired orders: they
    /// were opened without messages, so every row they have is the drain's.
    /// (50 ids: above that the store reads every row of those types and filters them.)
    func messagesPerFiring(_ ids: [String], sample: Int = 50) async throws -> (perFiring: Double, bodyBytes: Int) {
        let chosen = Array(ids.prefix(sample))
        guard !chosen.isEmpty else { return (0, 0) }
        let types = ["dispatch", "event", "reply", "rejection"] + FollowupMessage.Kind.allCases.map(\.rawValue)
        let rows = try await store.outboxMessages(ofTypes: types, orderIDs: chosen)
        let bytes = rows.isEmpty ? 0 : rows.reduce(0) { $0 + $1.body.count } / rows.count
        return (Double(rows.count) / Double(chosen.count), bytes)
    }

    /// How late each order's first step at or after `due` was (ms → µs histogram), from
    /// the history the firing wrote; orders without one are counted as missing.
    func lateness(_ ids: [String], due: Instant) async throws -> (Histogram<UInt64>, missing: Int) {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000)
        var missing = 0
        for start in stride(from: 0, to: ids.count, by: 5000) {
            let chunk = Array(ids[start..<min(start + 5000, ids.count)])
            let histories = try await store.histories(orderIDs: chunk)
            for id in chunk {
                guard let fired = histories[id]?.lazy.map(\.at).filter({ $0 >= due }).min() else {
                    missing += 1
                    continue
                }
                _ = histogram.record(UInt64(fired.millisecondsSinceEpoch - due.millisecondsSinceEpoch) * 1000)
            }
        }
        return (histogram, missing)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
