/// Makes text that came from outside safe to put in a log line, an AMQP header or a
/// reason: control characters are escaped (a newline in a sender's value can never start
/// a forged log line) and the length is bounded (a 60 KB value makes a short line).
public enum LogSafe {
    /// The default bound for a value quoted in a log line or a reason.
    public static let defaultLimit = 200

    /// `text` with control, format and line-separator characters written as `\u{…}`,
    /// cut to `limit` characters with a note of how much was left out.
    public static func quote(_ text: String, limit: Int = defaultLimit) -> String {
        var out = ""
        var count = 0
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if count >= limit {
                var rest = 1
                while scalars.next() != nil { rest += 1 }
                out += "…(+\(rest) more)"
                break
            }
            if isControl(scalar) || isInvisibleFormatting(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    /// For AMQP header values: the same escaping, bounded to fit comfortably in a frame.
    public static func header(_ text: String) -> String { quote(text, limit: 500) }

    /// C0 and C1 control characters and DEL.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Characters that change how a line reads without being seen: line and paragraph
    /// separators, bidirectional overrides (they can make an id look like another).
    public static func isInvisibleFormatting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0xFEFF: return true
        default: return false
        }
    }
}
