import Logging
import ServiceLifecycle
import WorkOrderStore

/// Fires durable timers (SLA deadlines, escalations, call-backs) from the store. Each
/// firing is committed with the timer's removal, so it happens exactly once; timers
/// that fell due while the server was down fire at once on start.
struct TimerService: Service {
    let store: any OrderStore
    let writer: OrderWriter
    let clock: WorkClock
    let wake: WakeSignal
    let metrics: ServerMetrics
    let logger: Logger

    func run() async throws {
        // Cancellation (graceful shutdown) ends the loop; it is not a failure.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let due = try await store.dueTimers(at: clock.now(), limit: 200)
                    if !due.isEmpty {
                        let outcomes = try await writer.apply(due.map { .timer($0) })
                        metrics.timersFired(due.count)
                        metrics.record(outcomes)
                        continue
                    }
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
}
