import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderStore

/// Fires durable timers (SLA deadlines, escalations, call-backs) from the store. Each
/// firing is committed with the timer's removal, so it happens exactly once; timers
/// that fell due while the server was down fire at once on start.
struct TimerService: Service {
    let store: any OrderStore
    let writer: WriterLoop
    let clock: WorkClock
    let wake: WakeSignal
    let metrics: ServerMetrics
    let logger: Logger
    /// Timers fired in one commit. 1,000 instead of 200 fired a burst of 50,000 no faster
    /// (`wo bench timers`: the cost is per firing, not per commit) and made the intakes
    /// waiting behind the writer's turn four times later.
    var batchLimit = 200

    func run() async throws {
        // Cancellation (graceful shutdown) ends the loop; it is not a failure.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await fireWhileDue()
                    let next = try await store.nextTimerDue()
                    let delay = next.map { min(clock.realDelay(until: $0), .seconds(1)) } ?? .seconds(1)
                    await wake.wait(timeout: max(delay, .milliseconds(5)))
                } catch {
                    if Task.isCancelled { return }
                    logger.error("timer loop failed; retrying", metadata: ["store.error": "\(error)"])
                    try await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    /// Fires what is due, batch after batch, until nothing is. Two batches are in flight:
    /// the next is read and submitted while the one before commits, so the writer can
    /// prepare it meanwhile (`WriterLoop`); the read leaves out the timers in flight.
    private func fireWhileDue() async throws {
        try await withThrowingTaskGroup(of: [TimerID].self) { group in
            var inFlight: Set<TimerID> = []
            var running = 0
            while !Task.isCancelled {
                let due = try await store.dueTimers(at: clock.now(), limit: batchLimit * 2)
                    .filter { !inFlight.contains($0.id) }.prefix(batchLimit)
                if !due.isEmpty {
                    let batch = Array(due)
                    inFlight.formUnion(batch.map(\.id))
                    running += 1
                    group.addTask {
                        try await fire(batch)
                        return batch.map(\.id)
                    }
                    if running < 2 { continue }
                }
                // Two in flight, or nothing more due: wait for one to end.
                guard running > 0, let done = try await group.next() else { return }
                running -= 1
                inFlight.subtract(done)
            }
        }
    }

    /// Fires `timers` in one commit. A commit that fails is split until the timer that
    /// cannot fire is alone; tried twice, it is set aside (removed, with a history row
    /// saying why) so the timers behind it still fire. Throws when the store is down.
    private func fire(_ timers: [ArmedTimer]) async throws {
        do {
            let outcomes = try await writer.apply(timers.map { .timer($0) })
            metrics.timersFired(timers.count)
            metrics.record(outcomes)
            return
        } catch is CancellationError {
            throw CancellationError()  // the writer stopped: nothing to split or set aside
        } catch where timers.count > 1 {
            let middle = timers.count / 2
            try await fire(Array(timers[..<middle]))
            try await fire(Array(timers[middle...]))
            return
        } catch {
            logger.warning("a timer could not fire; trying it once more", metadata: ["workorder.timer": "\(timers[0].id)", "store.error": "\(error)"])
        }
        try await Task.sleep(for: .seconds(1))
        let timer = timers[0]
        do {
            let outcomes = try await writer.apply([.timer(timer)])
            metrics.timersFired(1)
            metrics.record(outcomes)
        } catch {
            // Its commit fails while others commit: set it aside. If even this fails the
            // store is down, and the caller retries everything.
            let state = (try? await store.order(id: timer.id.order))?.stateName ?? "unknown"
            let note = HistoryRecord(
                orderID: timer.id.order, at: clock.now(), event: "timer_failed", actor: "system",
                detail: "\(timer.id.purpose.rawValue) due \(timer.due.millisecondsSinceEpoch) could not fire and was removed: " + LogSafe.quote("\(error)", limit: 300),
                messageID: nil, state: state)
            _ = try await store.commit([UnitOfWork(messageID: "timer-failed:\(timer.id)@\(timer.due.millisecondsSinceEpoch)", history: [note], cancelTimers: [timer.id])])
            logger.error("a timer could not fire and was set aside", metadata: [
                "workorder.id": "\(timer.id.order)", "workorder.timer": "\(timer.id)", "store.error": "\(error)",
            ])
        }
    }
}
