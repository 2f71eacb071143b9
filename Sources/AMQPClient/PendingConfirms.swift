/// Publisher-confirm bookkeeping for one channel: which sequence numbers wait for the
/// broker's basic.ack / basic.nack, and which were returned as unroutable first.
///
/// librabbitmq 0.11 has no confirm-wait helper, so the frame loop feeds every ack, nack
/// and return here. Sequence numbers are assigned in publish order, so entries stay
/// sorted and a `multiple` ack settles a prefix.
struct PendingConfirms<Waiter> {
    struct Entry {
        var sequence: UInt64
        var waiter: Waiter
        var returned: AMQPError?
    }

    private var entries: [Entry?] = []
    private var head = 0
    private(set) var nextSequence: UInt64 = 1
    private(set) var count = 0

    /// Registers the next publish and returns its sequence number.
    mutating func add(_ waiter: Waiter) -> UInt64 {
        let sequence = nextSequence
        nextSequence += 1
        entries.append(Entry(sequence: sequence, waiter: waiter, returned: nil))
        count += 1
        return sequence
    }

    /// Confirm mode was (re)entered on a new channel: numbering restarts at 1.
    mutating func reset() -> [Waiter] {
        let waiting = entries[head...].compactMap { $0?.waiter }
        entries = []
        head = 0
        count = 0
        nextSequence = 1
        return waiting
    }

    /// basic.return for `sequence`: remembered until its ack arrives.
    mutating func markReturned(_ sequence: UInt64, error: AMQPError) {
        guard let index = index(of: sequence) else { return }
        entries[index]?.returned = error
    }

    /// basic.ack or basic.nack: the settled waiters with their outcome (nil = success).
    mutating func settle(upTo tag: UInt64, multiple: Bool, nacked: Bool) -> [(Waiter, AMQPError?)] {
        var settled: [(Waiter, AMQPError?)] = []
        func take(_ index: Int) {
            guard let entry = entries[index] else { return }
            entries[index] = nil
            count -= 1
            settled.append((entry.waiter, nacked ? .nacked : entry.returned))
        }
        if multiple {
            var index = head
            while index < entries.count {
                if let entry = entries[index] {
                    if entry.sequence > tag { break }
                    take(index)
                }
                index += 1
            }
        } else if let index = index(of: tag) {
            take(index)
        }
        compact()
        return settled
    }

    private func index(of sequence: UInt64) -> Int? {
        // Sorted by sequence with holes: binary search over the live range.
        var low = head
        var high = entries.count - 1
        while low <= high {
            let mid = (low + high) / 2
            var probe = mid
            while probe <= high, entries[probe] == nil { probe += 1 }
            if probe > high { high = mid - 1; continue }
            let value = entries[probe]!.sequence
            if value == sequence { return probe }
            if value < sequence { low = probe + 1 } else { high = mid - 1 }
        }
        return nil
    }

    private mutating func compact() {
        while head < entries.count, entries[head] == nil { head += 1 }
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4096, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }
}
