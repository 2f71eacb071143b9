import Foundation
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderStore

/// Keeps the inbox and the outbox from growing without end: once an hour it forgets
/// message ids processed more than `days` ago and deletes events, replies and rejection
/// notices published more than `days` ago. Dispatches, follow-ups and dead letters stay:
/// the supervisors' views read them.
///
/// IN-05: in the same pass, the owners of orders finished more than `redactAfterDays`
/// ago (by the server's clock) have their name and phone replaced by masks in the store.
struct RetentionService: Service {
    static let prunedTypes = ["event", "reply", "rejection"]
    /// Orders redacted per store call; a pass goes on until none is left.
    static let redactionPage = 200

    let store: any OrderStore
    /// 0: keep message ids and published rows.
    let days: Int
    let redactAfterDays: Int?
    let clock: WorkClock
    let logger: Logger
    var interval: Duration = .seconds(3600)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if days > 0 { await pruneOnce() }
                if redactAfterDays != nil { _ = await redactOnce(now: clock.now()) }
                try await Task.sleep(for: interval)
            }
        }
    }

    /// Redacts every order finished before `now` − `redactAfterDays`; returns how many.
    func redactOnce(now: Instant) async -> Int {
        guard let redactAfterDays else { return 0 }
        let cutoff = Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch - Int64(redactAfterDays) * 86_400_000)
        var redacted = 0
        do {
            while !Task.isCancelled {
                let orders = try await store.ordersToRedact(finalStates: PrivacyPolicy.finalStates, updatedBefore: cutoff, limit: Self.redactionPage)
                for order in orders where try await store.redactOwner(orderID: order.id, at: now) { redacted += 1 }
                if orders.count < Self.redactionPage { break }
            }
        } catch is CancellationError {
            // Shutting down: the next start goes on.
        } catch {
            logger.warning("redaction of owners' data failed; will retry", metadata: ["store.error": "\(error)"])
        }
        if redacted > 0 {
            logger.info("owners' data redacted (IN-05)", metadata: ["store.orders_redacted": "\(redacted)", "privacy.after_days": "\(redactAfterDays)"])
        }
        return redacted
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
