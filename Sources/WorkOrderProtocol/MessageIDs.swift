import WorkOrderCore

/// AMQP `message_id`s: the idempotency key of every message the server takes in, and
/// the stable ids of what it sends out.
public enum MessageIDs {
    /// AMQP short strings (message ids, reply queues, routing keys) hold 255 bytes.
    public static let amqpShortStringBytes = 255
    /// An incoming id: leaves room for what the server appends to derive its own ids.
    public static let maxBytes = 200
    public static let rule = TextRule(maxCharacters: maxBytes)

    /// Checks an incoming message id.
    public static func check(_ id: String) throws(ContractViolation) {
        guard !id.isEmpty else { throw ContractViolation("missing AMQP message_id (the idempotency key)") }
        guard id.utf8.count <= maxBytes else {
            throw ContractViolation("AMQP message_id of \(id.utf8.count) bytes exceeds the limit of \(maxBytes)")
        }
        do {
            try rule.check(id, field: "message_id")
        } catch {
            throw ContractViolation("AMQP " + error.description)
        }
    }

    /// `base + suffix`, or, when that would not fit an AMQP short string, a fixed-length
    /// hash of `base` followed by the suffix. The same inputs always give the same id, so a
    /// re-sent message keeps its id and receivers still deduplicate.
    public static func derived(_ base: String, _ suffix: String) -> String {
        if base.utf8.count + suffix.utf8.count <= amqpShortStringBytes { return base + suffix }
        let tail = suffix.utf8.count <= 120 ? suffix : "/" + hash(suffix)
        return "h-" + hash(base) + tail
    }

    /// Any string as something that fits an AMQP short string (for ids we did not make).
    public static func bounded(_ id: String) -> String {
        id.utf8.count <= amqpShortStringBytes ? id : "h-" + hash(id)
    }

    /// 128 bits of FNV-1a (two 64-bit lanes with different offsets), as 32 hex digits.
    /// Not for security: only to keep an id short and stable.
    public static func hash(_ text: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = b ^ (b >> 29)
        }
        return hex(a) + hex(b)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Order ids as they appear in messages: `R-20261123-3F9A2C01`, and linked orders
/// `<parent>-D1` (a chain of links makes them longer).
public enum OrderIDs {
    public static let rule = TextRule(maxCharacters: 96)
}

/// Where a reply may go: only a reply queue, never a server, department or dead-letter
/// queue (a transition with `reply_to = wo.dispatch.engineering` would otherwise put a
/// reply among the engineering tasks).
public enum ReplyAddress {
    /// The broker's exclusive server-named queues.
    public static let serverNamedPrefix = "amq.gen-"
    /// Queues a client names itself for replies (as `wo task` does).
    public static let replyPrefix = "wo.reply."

    public static func check(_ queue: String) throws(ContractViolation) {
        let allowed = queue.utf8.count <= MessageIDs.maxBytes
            && (queue.hasPrefix(serverNamedPrefix) || queue.hasPrefix(replyPrefix))
            && queue.utf8.count > replyPrefix.utf8.count
            && queue.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._-:".unicodeScalars.contains($0)) }
        guard allowed else {
            throw ContractViolation("reply_to '\(LogSafe.quote(queue, limit: 80))' is not a reply queue: use a server-named exclusive queue "
                + "(\(serverNamedPrefix)…) or one named \(replyPrefix)…; no reply was sent and nothing was applied")
        }
    }
}
