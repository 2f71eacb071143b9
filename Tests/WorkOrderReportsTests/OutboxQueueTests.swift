import Testing
import WorkOrderCore
import WorkOrderStore
@testable import WorkOrderServer

/// Issue 13: the handoff between writer and publisher, as a value (no I/O). Whatever the
/// order of commits, overflows, store reads and failed publishes, every committed row is
/// sent — from memory or from the store — before any newer one, and none twice.
struct OutboxQueueTests {
    static func row(_ id: Int64) -> OutboxMessage {
        OutboxMessage(id: id, exchange: "", routingKey: "q", messageID: "m-\(id)", type: "t", body: [], createdAt: Instant(millisecondsSinceEpoch: 0))
    }

    static func rows(_ ids: ClosedRange<Int64>) -> [OutboxMessage] { ids.map(row) }

    /// Drives the queue like the publisher against a store holding `pending` rows (ids
    /// still unconfirmed); returns the ids in the order they were sent.
    static func drain(_ queue: inout OutboxQueue, store pending: inout [Int64], limit: Int = 3) -> [Int64] {
        var sent: [Int64] = []
        for _ in 0..<1000 {
            switch queue.next(limit: limit) {
            case .idle:
                return sent
            case .send(let rows):
                sent += rows.map(\.id)
                queue.sent(upTo: rows.last!.id)
            case .readStore(let before):
                let found = Array(pending.filter { $0 > queue.sentUpTo && $0 < (before ?? .max) }.sorted().prefix(limit))
                queue.scanned(found: found.count, limit: limit)
                if let last = found.last {
                    sent += found
                    queue.sent(upTo: last)
                }
            }
            let done = Set(sent)
            pending.removeAll { done.contains($0) }
        }
        Issue.record("the queue never became idle")
        return sent
    }

    @Test func atStartTheStoreIsReadFirstThenWhatWasHandedOver() {
        var queue = OutboxQueue(capacity: 100)
        // Rows 1…4 were pending from before the restart; 5…6 committed since.
        var store: [Int64] = [1, 2, 3, 4, 5, 6]
        queue.committed(Self.rows(5...6))
        #expect(Self.drain(&queue, store: &store) == [1, 2, 3, 4, 5, 6])
        #expect(queue.isIdle)
        // From now on rows go from memory alone.
        queue.committed(Self.rows(7...8))
        #expect(queue.next(limit: 10) == .send(Self.rows(7...8)))
    }

    @Test func anOverflowLeavesRowsToTheStoreAndTheyGoOutInOrder() {
        var queue = OutboxQueue(capacity: 4)
        var store: [Int64] = Array(1...12)
        _ = Self.drain(&queue, store: &store)  // start: the store read finds 1…12
        #expect(store.isEmpty)
        store = Array(13...30)
        queue.committed(Self.rows(13...16))  // held
        queue.committed(Self.rows(17...20))  // over capacity: dropped, left to the store
        #expect(!queue.accepting)
        queue.committed(Self.rows(21...22))  // still dropped: older dropped rows go first
        #expect(queue.next(limit: 10) == .send(Self.rows(13...16)))
        queue.sent(upTo: 16)
        store.removeAll { $0 <= 16 }
        // Emptied: the store is read from 17, and commits are held again meanwhile.
        #expect(queue.next(limit: 3) == .readStore(before: nil))
        #expect(queue.accepting)
        queue.committed(Self.rows(23...24))
        queue.scanned(found: 3, limit: 3)
        queue.sent(upTo: 19)
        store.removeAll { $0 <= 19 }
        let rest = Self.drain(&queue, store: &store)
        #expect(rest == Array(20...24))
    }

    @Test func rowsAStoreReadSentAreNotSentAgainFromMemory() {
        var queue = OutboxQueue(capacity: 100)
        var store: [Int64] = [1, 2]
        // Row 3 is committed and visible to the store read before it is handed over.
        guard case .readStore(before: nil) = queue.next(limit: 10) else { Issue.record("expected a store read"); return }
        store.append(3)
        queue.scanned(found: 3, limit: 10)
        queue.sent(upTo: 3)
        queue.committed(Self.rows(3...4))
        #expect(queue.next(limit: 10) == .send([Self.row(4)]))
        _ = store
    }

    @Test func aSweepFindsARowWrittenBehindTheWritersBack() {
        var queue = OutboxQueue(capacity: 100)
        var store: [Int64] = [1]
        #expect(Self.drain(&queue, store: &store) == [1])
        // Row 2 is in the store but was never handed over; row 3 was, and is still held.
        store = [2]
        queue.committed([Self.row(3)])
        queue.sent(upTo: 1)
        queue.sweep()
        store.append(3)
        #expect(Self.drain(&queue, store: &store) == [2, 3])
        #expect(queue.isIdle)
    }

    @Test func unconfirmedRowsAreReadAgainFromTheFirstOfThem() {
        var queue = OutboxQueue(capacity: 100)
        var store: [Int64] = []
        _ = Self.drain(&queue, store: &store)
        queue.committed(Self.rows(1...5))
        #expect(queue.next(limit: 5) == .send(Self.rows(1...5)))
        // The broker confirmed 1 and 2, then went away. Their marks are not written yet,
        // so the store still holds them as pending: they are not sent again.
        queue.resend(from: 3)
        queue.committed(Self.rows(6...6))
        store = [1, 2, 3, 4, 5, 6]
        #expect(Self.drain(&queue, store: &store) == [3, 4, 5, 6])
    }

    @Test func marksWaitForTheNextCommitAndComeBackWhenItFails() {
        var queue = OutboxQueue(capacity: 10)
        let now = ContinuousClock.now
        #expect(queue.oldestMarkAt == nil)
        queue.confirmed([1, 2], at: now)
        queue.confirmed([3], at: now + .seconds(1))
        #expect(queue.oldestMarkAt == now)
        let taken = queue.takeMarks()
        #expect(taken == [1, 2, 3])
        #expect(queue.takeMarks().isEmpty && queue.oldestMarkAt == nil)
        queue.confirmed([4], at: now + .seconds(2))
        queue.returnMarks(taken, at: now + .seconds(3))
        #expect(queue.takeMarks() == [1, 2, 3, 4])
    }

    /// Random interleavings of commits (some over capacity), reads and failed publishes:
    /// every row is confirmed, in id order, each once.
    @Test func randomInterleavingsSendEveryRowInOrder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var queue = OutboxQueue(capacity: Int.random(in: 1...8, using: &generator))
            var store: [Int64] = Array(1..<Int64.random(in: 1...7, using: &generator))
            var nextID = Int64(store.count + 1)
            var sent: [Int64] = []
            for _ in 0..<40 {
                if Bool.random(using: &generator) {
                    let count = Int64.random(in: 1...4, using: &generator)
                    let new = Self.rows(nextID...(nextID + count - 1))
                    nextID += count
                    store += new.map(\.id)
                    queue.committed(new)
                } else {
                    // Sometimes the broker goes away in the middle of a send: the rows from
                    // a random one on are not confirmed (and stay pending in the store).
                    func publish(_ ids: [Int64]) {
                        guard !ids.isEmpty else { return }
                        if Int.random(in: 0..<5, using: &generator) == 0 {
                            let open = Int.random(in: 0..<ids.count, using: &generator)
                            sent += ids[..<open]
                            queue.resend(from: ids[open])
                        } else {
                            sent += ids
                            queue.sent(upTo: ids.last!)
                        }
                    }
                    switch queue.next(limit: 3) {
                    case .idle: break
                    case .send(let rows):
                        publish(rows.map(\.id))
                    case .readStore(let before):
                        let found = Array(store.filter { $0 > queue.sentUpTo && $0 < (before ?? .max) }.sorted().prefix(3))
                        queue.scanned(found: found.count, limit: 3)
                        publish(found)
                    }
                    // The marks reach the store later, with some commit: until then a
                    // confirmed row is still pending there.
                    if Bool.random(using: &generator) {
                        let done = Set(sent)
                        store.removeAll { done.contains($0) }
                    }
                }
            }
            sent += Self.drain(&queue, store: &store)
            #expect(sent == Array(1..<nextID), "sent \(sent)")
        }
    }
}
