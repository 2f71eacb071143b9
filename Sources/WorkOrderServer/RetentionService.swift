import Foundation
import Logging
import ServiceLifecycle
import WorkOrderStore

/// Keeps the inbox and the outbox from growing without end: once an hour it forgets
/// message ids processed more than `days` ago and deletes events, replies and rejection
/// notices published more than `days` ago. Dispatches, follow-ups and dead letters stay:
/// the supervisors' views read them.
struct RetentionService: Service {
    static let prunedTypes = ["event", "reply", "rejection"]

    let store: any OrderStore
    let days: Int
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await pruneOnce()
                try await Task.sleep(for: interval)
            }
        }
    }

    func pruneOnce() async {
        // Wall-clock, like the stores' processed and published times.
        let cutoff = Int64(Date().timeIntervalSince1970 * 1000) - Int64(days) * 86_400_000
        do {
            let result = try await store.prune(processedBefore: cutoff, publishedBefore: cutoff, outboxTypes: Self.prunedTypes)
            if result.inboxKeys + result.outboxRows > 0 {
                logger.info("retention", metadata: ["store.inbox_pruned": "\(result.inboxKeys)", "store.outbox_pruned": "\(result.outboxRows)"])
            }
        } catch is CancellationError {
            // Shutting down: the next start prunes.
        } catch {
            logger.warning("retention failed; will retry", metadata: ["store.error": "\(error)"])
        }
    }
}
