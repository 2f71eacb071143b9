import Logging
import ServiceLifecycle
import Synchronization

/// The single writer as one run loop: the inbound service's batches and the timer
/// service's firings arrive as submissions on one `AsyncStream`, and the loop applies
/// them one at a time, in arrival order, each committed before the next is read —
/// postgres-nio's `ConnectionPool` run loop is the model. Nothing else calls the writer,
/// so no lock or turn is needed, and one loop could own one partition of the orders.
///
/// Graceful shutdown: the services that submit stop first (they come after this one in
/// the group), then this loop finishes what was submitted and ends. A submission the
/// loop never reached (the task was cancelled) is answered with `CancellationError`, so
/// no caller waits for ever.
final class WriterLoop: Service, Sendable {
    struct Submission: Sendable {
        let id: UInt64
        let items: [WorkItem]
    }

    private let writer: OrderWriter
    private let inputs: AsyncStream<Submission>
    private let submit: AsyncStream<Submission>.Continuation
    /// The callers waiting for their submission, by id.
    private let waiting = Mutex<(next: UInt64, callers: [UInt64: CheckedContinuation<[WorkOutcome], any Error>])>((0, [:]))

    init(writer: OrderWriter) {
        self.writer = writer
        (inputs, submit) = AsyncStream.makeStream(of: Submission.self, bufferingPolicy: .unbounded)
    }

    /// Applies `items` after everything submitted before them; returns once committed.
    /// Throws what the writer throws (the store failed: nothing of the batch is committed).
    func apply(_ items: [WorkItem]) async throws -> [WorkOutcome] {
        try await withCheckedThrowingContinuation { caller in
            let id = waiting.withLock { state -> UInt64 in
                state.next += 1
                state.callers[state.next] = caller
                return state.next
            }
            if case .terminated = submit.yield(Submission(id: id, items: items)) {
                answer(id, with: .failure(CancellationError()))
            }
        }
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            for await submission in inputs {
                do {
                    answer(submission.id, with: .success(try await writer.apply(submission.items)))
                } catch {
                    answer(submission.id, with: .failure(error))
                }
            }
        } onGracefulShutdown: { [submit] in
            // The submitters have stopped; what they sent is still applied.
            submit.finish()
        }
        submit.finish()
        // Cancelled before the stream ran dry: whoever still waits is told so.
        let left = waiting.withLock { state in
            defer { state.callers.removeAll() }
            return Array(state.callers.values)
        }
        for caller in left { caller.resume(throwing: CancellationError()) }
    }

    private func answer(_ id: UInt64, with result: Result<[WorkOutcome], any Error>) {
        guard let caller = waiting.withLock({ $0.callers.removeValue(forKey: id) }) else { return }
        caller.resume(with: result)
    }
}
