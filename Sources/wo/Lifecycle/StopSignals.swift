import Glibc
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// SIGTERM and SIGINT, trapped from the first instant of a long-running command.
///
/// A `ServiceGroup` traps them only once it runs. Before that (store migration, policy
/// check, broker connect: seconds on a busy machine) a signal took its default action
/// and the process died with status 143. Nothing is consumed or published before the
/// group runs, and the store is crash-safe, so a stop during start-up ends the process
/// at once with status 0; once the group runs, a stop starts its graceful shutdown.
final class StopSignals: Sendable {
    private enum Phase {
        case starting
        case running(ServiceGroup)
    }

    private let phase = Mutex<Phase>(.starting)
    private let watcher = Mutex<Task<Void, Never>?>(nil)

    /// Traps the signals now; returns once they are registered, so none is missed.
    static func trap(logger: Logger) async -> StopSignals {
        let stopSignals = StopSignals()
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let task = Task {
            for await signal in signals {
                await stopSignals.received(signal, logger: logger)
            }
        }
        stopSignals.watcher.withLock { $0 = task }
        return stopSignals
    }

    /// Runs `group` (built with no shutdown signals of its own) until it ends; a stop
    /// signal shuts it down gracefully.
    func run(_ group: ServiceGroup) async throws {
        phase.withLock { $0 = .running(group) }
        defer { watcher.withLock { $0?.cancel() } }
        try await group.run()
    }

    private func received(_ signal: UnixSignal, logger: Logger) async {
        let group: ServiceGroup? = phase.withLock { phase in
            switch phase {
            case .starting: return nil
            case .running(let group): return group
            }
        }
        guard let group else {
            logger.notice("stopped during start-up: nothing was consumed yet", metadata: ["process.signal": "\(signal)"])
            fflush(nil)
            // _exit: other threads are still starting; exit()'s destructors could race them.
            _exit(0)
        }
        logger.info("stopping gracefully", metadata: ["process.signal": "\(signal)"])
        await group.triggerGracefulShutdown()
    }
}
