extension OutboxMessage {
    /// The order a server-written row belongs to. The server names its rows
    /// `<cause>/<order id>/<label><n>` (the cause is a message id or `timer-<ms>` and may
    /// itself hold slashes), so the order id is the second component from the end.
    /// Nil for rows named otherwise (replies, dead letters).
    public var orderID: String? {
        let parts = messageID.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let id = parts[parts.count - 2]
        return id.isEmpty ? nil : String(id)
    }
}

/// Narrows an outbox scan to rows whose message id names one of a few orders. Above
/// this many orders a scan by type alone is cheaper than a long `OR` of patterns.
let outboxPatternLimit = 50

func outboxPattern(forOrder id: String) -> String { "%/\(id)/%" }
