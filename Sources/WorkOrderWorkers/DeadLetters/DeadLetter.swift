import AMQPClient
import Foundation
import WorkOrderCore

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

    /// The letter with owners' phone numbers masked in its body (IN-05), as every view
    /// shows them unless `--reveal` is given.
    public func masked() -> DeadLetter {
        var copy = self
        copy.body = PhoneMask.maskedBody(body)
        return copy
    }

    /// One line for a table: id, where it was going, why.
    public var line: String {
        let target = original_exchange.isEmpty ? "queue \(original_routing_key)" : "\(original_exchange) \(original_routing_key)"
        return "\(message_id ?? "(no id)")  \(type ?? "-")  → \(target)  \(body_bytes) B  \(reason)"
    }
}

extension PhoneMask {
    /// A message body for people (`wo dead-letters show`): every `phone` value in a JSON
    /// body masked; in a body that is not JSON, every run of 11 digits (a mobile number).
    public static func maskedBody(_ text: String) -> String {
        if let data = text.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data),
           let masked = try? JSONSerialization.data(withJSONObject: maskPhones(object), options: [.sortedKeys, .withoutEscapingSlashes]) {
            return String(decoding: masked, as: UTF8.self)
        }
        var out = ""
        var run = ""
        for character in text {
            if character.isASCII, character.isNumber {
                run.append(character)
                continue
            }
            out += run.count == 11 ? mask(run) : run
            run = ""
            out.append(character)
        }
        return out + (run.count == 11 ? mask(run) : run)
    }

    private static func maskPhones(_ value: Any) -> Any {
        if var object = value as? [String: Any] {
            for (key, inner) in object {
                object[key] = key == "phone" ? (inner as? String).map(mask) ?? inner : maskPhones(inner)
            }
            return object
        }
        if let list = value as? [Any] { return list.map(maskPhones) }
        return value
    }
}
