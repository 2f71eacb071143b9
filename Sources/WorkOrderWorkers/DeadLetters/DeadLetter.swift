import AMQPClient

/// A message in `wo.dead-letters`, with why it is there and where it came from: the
/// server's `x-wo-*` headers, or the broker's `x-death` for a message a worker refused.
public struct DeadLetter: Codable, Hashable, Sendable {
    public var message_id: String?
    public var type: String?
    public var reason: String
    public var original_exchange: String
    public var original_routing_key: String
    public var body_bytes: Int
    public var body: String

    init(_ delivery: Delivery) {
        let headers = delivery.properties.headers
        let death = headers["x-death"].flatMap { value -> [String: FieldValue]? in
            guard case .array(let entries) = value, case .table(let first)? = entries.first else { return nil }
            return first
        }
        message_id = delivery.properties.messageID
        type = delivery.properties.type
        reason = headers["x-wo-reason"]?.stringValue
            ?? death.map { "refused by a consumer of \($0["queue"]?.stringValue ?? "?") (\($0["reason"]?.stringValue ?? "?"))" }
            ?? "no reason recorded"
        original_exchange = headers["x-wo-original-exchange"]?.stringValue ?? death?["exchange"]?.stringValue ?? delivery.exchange
        let deathKey: String? = {
            guard case .array(let keys)? = death?["routing-keys"] else { return nil }
            return keys.first?.stringValue
        }()
        original_routing_key = headers["x-wo-original-routing-key"]?.stringValue ?? deathKey ?? delivery.routingKey
        body_bytes = delivery.body.count
        body = String(decoding: delivery.body, as: UTF8.self)
    }

    /// One line for a table: id, where it was going, why.
    public var line: String {
        let target = original_exchange.isEmpty ? "queue \(original_routing_key)" : "\(original_exchange) \(original_routing_key)"
        return "\(message_id ?? "(no id)")  \(type ?? "-")  → \(target)  \(body_bytes) B  \(reason)"
    }
}
