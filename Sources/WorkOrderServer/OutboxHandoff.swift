import Synchronization
import WorkOrderStore

/// Committed outbox rows on their way from the writer to the publisher, and the ids the
/// broker confirmed on their way back to the store.
///
/// The writer hands over the rows of each commit (`CommitReceipt.outbox`), so the
/// publisher sends them without reading them back; the store stays the recovery path:
/// rows pending from before a restart, or dropped here because the queue was full, are
/// read from it (`OutboxQueue.scanning`). Confirmed ids ride on the writer's next commit
/// (`takeMarks`); when the writer is idle the publisher writes them itself.
///
/// The decisions are a plain value (`OutboxQueue`), tested without I/O; this class only
/// guards it with a lock, as the writer and the publisher run on different tasks.
final class OutboxHandoff: Sendable {
    private let queue: Mutex<OutboxQueue>

    init(capacity: Int = 20_000) {
        queue = Mutex(OutboxQueue(capacity: capacity))
    }

    /// The writer, after a commit.
    func committed(_ rows: [OutboxMessage]) { queue.withLock { $0.committed(rows) } }

    /// The publisher: what to send next (see `OutboxQueue.next`).
    func next(limit: Int) -> OutboxQueue.Next { queue.withLock { $0.next(limit: limit) } }

    /// The publisher: rows up to this id were sent.
    func sent(upTo id: Int64) { queue.withLock { $0.sent(upTo: id) } }

    /// The publisher: rows from `id` on were not confirmed; they are read from the store again.
    func resend(from id: Int64) { queue.withLock { $0.resend(from: id) } }

    /// The publisher, idle for a while: read the store once more (see `OutboxQueue.sweep`).
    func sweep() { queue.withLock { $0.sweep() } }

    /// The publisher: what a store read found (see `OutboxQueue.scanned`).
    func scanned(found: Int, limit: Int) { queue.withLock { $0.scanned(found: found, limit: limit) } }

    /// Every row up to this id was sent.
    var sentUpTo: Int64 { queue.withLock { $0.sentUpTo } }

    /// The publisher: these rows are confirmed.
    func confirmed(_ ids: [Int64], at now: ContinuousClock.Instant) { queue.withLock { $0.confirmed(ids, at: now) } }

    /// The writer, before a commit (or the publisher, when the marks waited long enough).
    func takeMarks() -> [Int64] { queue.withLock { $0.takeMarks() } }

    /// Marks taken for a commit that failed: kept for the next one.
    func returnMarks(_ ids: [Int64]) { queue.withLock { $0.returnMarks(ids, at: .now) } }

    /// When the oldest confirmed id not yet written was confirmed.
    var oldestMarkAt: ContinuousClock.Instant? { queue.withLock { $0.oldestMarkAt } }
}

/// The rows between writer and publisher, and whether the store holds pending rows that
/// are not here. Row ids grow with each commit (one writer per store), and rows are sent
/// in id order, which is what lets rows read from the store and rows handed over here be
/// told apart by id alone: anything at or below `sentUpTo` was sent.
struct OutboxQueue {
    let capacity: Int
    private var rows: [OutboxMessage] = []
    private var head = 0
    /// The store may hold pending rows older than those held here (rows from before this
    /// process, or rows dropped while the queue was full): they are read from the store
    /// before anything held here is sent.
    private(set) var scanning = true
    /// Rows are dropped (left to the store) from the moment the queue overflowed until it
    /// has been emptied and the store is read; so every dropped row is newer than every
    /// row held, and older than every row accepted after.
    private(set) var accepting = true
    /// Every row with an id up to this one was sent (from here or from a store read).
    private(set) var sentUpTo: Int64 = 0
    private(set) var marks: [Int64] = []
    private(set) var oldestMarkAt: ContinuousClock.Instant?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { rows.count - head }
    var isIdle: Bool { count == 0 && !scanning && accepting }

    mutating func committed(_ new: [OutboxMessage]) {
        guard !new.isEmpty, accepting else { return }
        guard count + new.count <= capacity else {
            // Too many to hold: these stay in the store (they are committed) and are read
            // from there once what is held has been sent.
            accepting = false
            return
        }
        rows.append(contentsOf: new)
    }

    enum Next: Equatable {
        /// Send these rows (then report them with `sent`).
        case send([OutboxMessage])
        /// Read the store's pending rows after `sentUpTo`, up to `before` (exclusive; nil:
        /// no bound), then report with `scanned`.
        case readStore(before: Int64?)
        /// Nothing to send.
        case idle
    }

    mutating func next(limit: Int) -> Next {
        while head < rows.count, rows[head].id <= sentUpTo { head += 1 }
        if scanning {
            // Older rows are in the store: they go first. Held rows start where the read
            // must stop. With nothing held, dropping stops: from now on every commit is held.
            if count == 0 { accepting = true }
            return .readStore(before: count > 0 ? rows[head].id : nil)
        }
        if count > 0 {
            let end = min(rows.count, head + max(1, limit))
            let batch = Array(rows[head..<end])
            head = end
            compact()
            return .send(batch)
        }
        compact()
        if !accepting {
            // Emptied after an overflow: what was dropped is in the store.
            scanning = true
            accepting = true
            return .readStore(before: nil)
        }
        return .idle
    }

    /// Rows sent (from either source) up to this id.
    mutating func sent(upTo id: Int64) {
        sentUpTo = max(sentUpTo, id)
    }

    /// Rows from `id` on were not confirmed (the broker went away): they, and whatever
    /// was sent after them, are read from the store again. Everything below `id` was
    /// settled (rows go out in id order), so it is not sent twice.
    mutating func resend(from id: Int64) {
        sentUpTo = max(sentUpTo, id - 1)
        scanning = true
    }

    /// Reads the store once more for pending rows this queue never saw: a row written by
    /// something other than the writer (a repair by hand, a restored copy) still goes out,
    /// within a sweep, not only at the next start.
    mutating func sweep() {
        scanning = true
    }

    /// A store read asked for by `.readStore` found `found` rows with `limit` asked; the
    /// ones sent are reported with `sent(upTo:)`. Fewer than asked: the store holds no
    /// more pending rows below the bound, and what is held here comes next.
    mutating func scanned(found: Int, limit: Int) {
        if found < limit { scanning = false }
    }

    mutating func confirmed(_ ids: [Int64], at now: ContinuousClock.Instant) {
        guard !ids.isEmpty else { return }
        if marks.isEmpty { oldestMarkAt = now }
        marks.append(contentsOf: ids)
    }

    mutating func takeMarks() -> [Int64] {
        defer {
            marks = []
            oldestMarkAt = nil
        }
        return marks
    }

    mutating func returnMarks(_ ids: [Int64], at now: ContinuousClock.Instant) {
        guard !ids.isEmpty else { return }
        marks.insert(contentsOf: ids, at: 0)
        if oldestMarkAt == nil { oldestMarkAt = now }
    }

    private mutating func compact() {
        if head == rows.count {
            rows.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4096, head * 2 > rows.count {
            rows.removeFirst(head)
            head = 0
        }
    }
}
