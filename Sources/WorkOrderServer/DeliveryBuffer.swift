import AMQPClient
import Synchronization

/// Deliveries from the server's consumers, in arrival order, waiting for the writer.
/// While one batch is being committed the next one gathers here: that is what makes
/// commits grouped without any timer.
final class DeliveryBuffer: Sendable {
    struct Entry: Sendable {
        var delivery: Delivery
        var consumer: AMQPConsumer
    }

    private let state = Mutex<(entries: [Entry], openSources: Int)>(([], 0))
    private let signal: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init(sources: Int) {
        (signal, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLock { $0.openSources = sources }
    }

    /// What one pass over the socket brought: one lock and one signal for all of it.
    func push(_ deliveries: [Delivery], from consumer: AMQPConsumer) {
        state.withLock { state in
            state.entries.append(contentsOf: deliveries.lazy.map { Entry(delivery: $0, consumer: consumer) })
        }
        continuation.yield()
    }

    /// A consumer ended (shutdown or broker cancel).
    func sourceFinished() {
        let last = state.withLock { state -> Bool in
            state.openSources -= 1
            return state.openSources == 0
        }
        continuation.yield()
        if last { continuation.finish() }
    }

    /// Hands batches of up to `limit` deliveries to `process`, in arrival order, until
    /// every source has finished and everything was handed over; `whenEmpty` runs each
    /// time nothing is left to hand over, before waiting for more.
    func drain(limit: Int, _ process: ([Entry]) async -> Void, whenEmpty: () async -> Void = {}) async {
        for await _ in signal {
            while let batch = take(limit: limit) { await process(batch) }
            await whenEmpty()
        }
        while let batch = take(limit: limit) { await process(batch) }
    }

    private func take(limit: Int) -> [Entry]? {
        state.withLock { state -> [Entry]? in
            guard !state.entries.isEmpty else { return nil }
            let count = min(limit, state.entries.count)
            defer { state.entries.removeFirst(count) }
            return Array(state.entries.prefix(count))
        }
    }
}
