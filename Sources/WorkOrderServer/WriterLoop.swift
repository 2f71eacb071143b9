import Logging
import ServiceLifecycle
import Synchronization

/// The single writer as one run loop: the inbound service's batches and the timer
/// service's firings arrive as submissions on one `AsyncStream`, with the ends of its
/// own commits, and the loop applies them in arrival order, each committed after the one
/// before — postgres-nio's `ConnectionPool` run loop is the model. Nothing else calls the
/// writer, so no lock or turn is needed, and one loop could own one partition of the orders.
///
/// One commit runs at a time. While it runs, the loop prepares the next submission (reads
/// and engine steps, no writes) so the two cores both work. The preparation is kept only
/// if its footprint (the orders it read, changed or found absent, and the households and
/// sites whose recent orders it looked at) is disjoint from the committing batch's: then
/// the order of the two does not matter. Otherwise it is prepared again after the commit.
///
/// A submission may name the one it must follow (`enqueue(_:after:)`): if that one
/// failed, it is refused with `PredecessorFailed` unread, so a caller that keeps two
/// batches in flight can retry the first and then the second, in their order.
///
/// Graceful shutdown: the services that submit stop first (they come after this one in
/// the group), then this loop finishes what was submitted and ends. A submission the
/// loop never reached (the task was cancelled) is answered with `CancellationError`, so
/// no caller waits for ever.
final class WriterLoop: Service, Sendable {
    struct Submission: Sendable {
        let id: UInt64
        let items: [WorkItem]
        /// The submission this one must follow: refused if that one failed.
        let after: UInt64?
    }

    /// A submission's claim to its outcome (`outcome(of:)`), taken once.
    struct Ticket: Sendable {
        fileprivate let id: UInt64
    }

    /// The submission a batch had to follow failed; nothing of the batch was applied.
    struct PredecessorFailed: Error, CustomStringConvertible {
        var description: String { "not applied: the batch it follows failed" }
    }

    /// Where a submission's caller is.
    private enum Slot {
        case submitted
        case awaiting(CheckedContinuation<[WorkOutcome], any Error>)
        case answered(Result<[WorkOutcome], any Error>)
    }

    /// What the loop reads from its stream.
    enum Event: Sendable {
        case submitted(Submission)
        /// The commit in flight ended (its caller is answered).
        case committed
    }

    /// How often preparing ahead paid off (for tests and the debug log).
    struct Statistics: Sendable, Equatable {
        /// Submissions prepared while the one before committed, and committed as prepared.
        var preparedAhead = 0
        /// Prepared ahead, found to share an order with the commit, prepared again.
        var preparedAgain = 0
    }

    private let writer: OrderWriter
    private let events: AsyncStream<Event>
    private let input: AsyncStream<Event>.Continuation
    /// The submissions not yet answered and taken, by id; and the last ids that failed,
    /// which a later submission may name (one follows its predecessor closely, so a short
    /// list suffices: the oldest are dropped).
    private let waiting = Mutex<(next: UInt64, slots: [UInt64: Slot], failed: [UInt64])>((0, [:], []))
    /// Counts how batches were prepared (`wo_writer_batches_total{prepared}`).
    private let metrics: ServerMetrics

    init(writer: OrderWriter, metrics: ServerMetrics = ServerMetrics()) {
        self.writer = writer
        self.metrics = metrics
        (events, input) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .unbounded)
    }

    var statistics: Statistics {
        Statistics(preparedAhead: Int(metrics.value(Self.batches("ahead"))), preparedAgain: Int(metrics.value(Self.batches("again"))))
    }

    private static func batches(_ prepared: String) -> String { "wo_writer_batches_total{prepared=\"\(prepared)\"}" }

    /// Submissions not yet answered (tests wait for a known queue with it).
    var unanswered: Int {
        waiting.withLock { state in state.slots.values.count { if case .answered = $0 { false } else { true } } }
    }

    /// Applies `items` after everything submitted before them; returns once committed.
    /// Throws what the writer throws (the store failed: nothing of the batch is committed).
    func apply(_ items: [WorkItem]) async throws -> [WorkOutcome] {
        try await outcome(of: enqueue(items))
    }

    /// Submits `items` now, behind everything submitted before, without waiting. With
    /// `after`, they are applied only if that submission did not fail.
    func enqueue(_ items: [WorkItem], after: Ticket? = nil) -> Ticket {
        let id = waiting.withLock { state -> UInt64 in
            state.next += 1
            state.slots[state.next] = .submitted
            return state.next
        }
        if case .terminated = input.yield(.submitted(Submission(id: id, items: items, after: after?.id))) {
            answer(id, with: .failure(CancellationError()))
        }
        return Ticket(id: id)
    }

    /// The outcome of an enqueued submission, once it is committed (or failed).
    func outcome(of ticket: Ticket) async throws -> [WorkOutcome] {
        try await withCheckedThrowingContinuation { caller in
            let ready = waiting.withLock { state -> Result<[WorkOutcome], any Error>? in
                guard case .answered(let result) = state.slots[ticket.id] else {
                    state.slots[ticket.id] = .awaiting(caller)
                    return nil
                }
                state.slots[ticket.id] = nil
                return result
            }
            if let ready { caller.resume(with: ready) }
        }
    }

    /// The loop's own state: the commit in flight, the submission prepared beside it, and
    /// the submissions waiting behind them, in arrival order.
    private struct Pipeline {
        var committing: (task: Task<Void, Never>, footprint: Set<String>)?
        var ahead: (submission: Submission, prepared: PreparedBatch)?
        var queued: [Submission] = []
    }

    func run() async throws {
        var pipeline = Pipeline()
        await withGracefulShutdownHandler {
            for await event in events {
                switch event {
                case .submitted(let submission):
                    if pipeline.committing == nil {
                        await prepareAndCommit(submission, in: &pipeline)
                    } else {
                        pipeline.queued.append(submission)
                        await prepareAhead(in: &pipeline)
                    }
                case .committed:
                    let finished = pipeline.committing?.footprint ?? []
                    pipeline.committing = nil
                    await commitNext(after: finished, in: &pipeline)
                }
            }
        } onGracefulShutdown: { [input] in
            // The submitters have stopped; what they sent is still applied (below).
            input.finish()
        }
        input.finish()
        // The commit in flight answers its caller whatever happens; after a graceful end,
        // what was submitted before it is applied too.
        while let (task, finished) = pipeline.committing {
            await task.value
            pipeline.committing = nil
            if !Task.isCancelled { await commitNext(after: finished, in: &pipeline) }
        }
        // Cancelled before the stream ran dry: whoever still waits is told so.
        let left = waiting.withLock { state in Array(state.slots.keys) }
        for id in left { answer(id, with: .failure(CancellationError())) }
    }

    /// Nothing is committing: the batch prepared ahead goes next, as prepared if it shares
    /// no order with the commit that just ended, else prepared again; or the first queued.
    private func commitNext(after finished: Set<String>, in pipeline: inout Pipeline) async {
        // One whose predecessor failed is refused, its preparation dropped with it.
        if let (submission, prepared) = pipeline.ahead.take(), !refusedAfterFailure(submission) {
            if prepared.footprint.isDisjoint(with: finished) {
                metrics.increment("wo_writer_batches_total", [("prepared", "ahead")])
                startCommit(prepared, of: submission, in: &pipeline)
            } else {
                metrics.increment("wo_writer_batches_total", [("prepared", "again")])
                await prepareAndCommit(submission, in: &pipeline)
            }
        }
        // A preparation that fails is answered and the next one is tried.
        while pipeline.committing == nil, !pipeline.queued.isEmpty {
            await prepareAndCommit(pipeline.queued.removeFirst(), in: &pipeline)
        }
        await prepareAhead(in: &pipeline)
    }

    /// While a commit runs, prepares the first queued submission if it may be.
    private func prepareAhead(in pipeline: inout Pipeline) async {
        guard pipeline.committing != nil, pipeline.ahead == nil, let next = pipeline.queued.first else { return }
        pipeline.queued.removeFirst()
        do {
            pipeline.ahead = (next, try await writer.prepare(next.items))
        } catch {
            // The store failed a read: prepare it again in turn, and answer then.
            pipeline.queued.insert(next, at: 0)
        }
    }

    private func prepareAndCommit(_ submission: Submission, in pipeline: inout Pipeline) async {
        if refusedAfterFailure(submission) { return }
        metrics.increment("wo_writer_batches_total", [("prepared", "in_turn")])
        do {
            startCommit(try await writer.prepare(submission.items), of: submission, in: &pipeline)
        } catch {
            answer(submission.id, with: .failure(error))
        }
    }

    /// The commit runs beside the loop; its end comes back as an event.
    private func startCommit(_ prepared: PreparedBatch, of submission: Submission, in pipeline: inout Pipeline) {
        let task = Task { [writer, input] in
            do {
                answer(submission.id, with: .success(try await writer.commit(prepared)))
            } catch {
                answer(submission.id, with: .failure(error))
            }
            input.yield(.committed)
        }
        pipeline.committing = (task, prepared.footprint)
    }

    /// Refuses `submission` if the one it follows failed (every earlier submission is
    /// answered by the time a submission's commit would start).
    private func refusedAfterFailure(_ submission: Submission) -> Bool {
        guard let after = submission.after,
              waiting.withLock({ state in state.failed.firstIndex(of: after).map { state.failed.remove(at: $0) } != nil }) else { return false }
        answer(submission.id, with: .failure(PredecessorFailed()))
        return true
    }

    private func answer(_ id: UInt64, with result: Result<[WorkOutcome], any Error>) {
        let caller = waiting.withLock { state -> CheckedContinuation<[WorkOutcome], any Error>? in
            if case .failure = result {
                if state.failed.count >= 64 { state.failed.removeFirst() }
                state.failed.append(id)
            }
            switch state.slots[id] {
            case .awaiting(let caller):
                state.slots[id] = nil
                return caller
            case .submitted:
                state.slots[id] = .answered(result)
                return nil
            case .answered, nil:
                return nil
            }
        }
        caller?.resume(with: result)
    }
}
