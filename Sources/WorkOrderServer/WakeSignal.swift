import Synchronization

/// Wakes one sleeping loop early (new outbox rows, a new timer). Signals coalesce; a
/// signal sent while nobody waits is kept for the next wait. One loop waits at a time.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        var waitID: UInt64 = 0
        /// A wait released (timed out, cancelled) before its waiter was registered.
        var releasedID: UInt64 = 0
    }

    private let state = Mutex(State())

    init() {}

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns after a signal, after `timeout`, or when the task is cancelled.
    func wait(timeout: Duration) async {
        let id = state.withLock { state -> UInt64 in
            state.waitID += 1
            return state.waitID
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let resumeNow = self.state.withLock { state -> Bool in
                        if state.releasedID == id { return true }
                        if state.pending {
                            state.pending = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
            group.addTask {
                // Timed out or cancelled: release this wait only; never leave a signal behind.
                try? await Task.sleep(for: timeout)
                self.release(id)
            }
            await group.next()
            group.cancelAll()
        }
    }

    private func release(_ id: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.waitID == id else { return nil }
            guard let waiter = state.waiter else {
                state.releasedID = id
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
