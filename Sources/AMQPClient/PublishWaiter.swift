/// One message of a published batch, waiting for its confirm. The batch's caller is
/// resumed once every message has an outcome.
struct PublishWaiter {
    let batch: PublishBatch
    let index: Int

    func settle(_ error: AMQPError?) {
        batch.settle(index, error)
    }
}

/// Lives on the connection's thread only.
final class PublishBatch {
    private var results: [AMQPError?]
    private var remaining: Int
    private let continuation: CheckedContinuation<[AMQPError?], Never>

    init(count: Int, continuation: CheckedContinuation<[AMQPError?], Never>) {
        results = Array(repeating: nil, count: count)
        remaining = count
        self.continuation = continuation
        if count == 0 { continuation.resume(returning: []) }
    }

    func settle(_ index: Int, _ error: AMQPError?) {
        results[index] = error
        remaining -= 1
        if remaining == 0 { continuation.resume(returning: results) }
    }
}
