import Foundation
import WorkOrderCore

/// Parses `key=value` words from the command line into event fields.
///
/// - a JSON literal is taken as JSON: `owner_accepted=true`, `amount_fen=1200`,
///   `items='["key","card"]'`, `note='"42"'` (a quoted string stays a string);
/// - `@` marks a time, sent as ms since the epoch: `appointment_at=@2026-11-24T14:00+08:00`,
///   `@2026-11-24T14:00` (this machine's time zone) or `@+2h` / `@+30m` / `@+1d` from `now`;
/// - anything else is a string: `owner_signature=张三`.
public enum FieldArgument {
    public static func parse(_ words: [String], now: Instant) throws(FieldArgumentError) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for word in words {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw FieldArgumentError(word: word, reason: "expected key=value")
            }
            let key = String(word[..<equals])
            let text = String(word[word.index(after: equals)...])
            if text.hasPrefix("@") {
                guard let instant = time(String(text.dropFirst()), now: now) else {
                    throw FieldArgumentError(word: word, reason: "expected @YYYY-MM-DDTHH:MM[±hh:mm] or @+<n>m|h|d")
                }
                fields[key] = .number(Double(instant.millisecondsSinceEpoch))
            } else if let json = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
                fields[key] = json
            } else {
                fields[key] = .string(text)
            }
        }
        return fields
    }

    public static func time(_ text: String, now: Instant) -> Instant? {
        if text.hasPrefix("+"), let unit = text.last, let amount = Int64(text.dropFirst().dropLast()) {
            let seconds: Int64? = switch unit {
            case "m": 60
            case "h": 3600
            case "d": 86_400
            default: nil
            }
            return seconds.map { Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + amount * $0 * 1000) }
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return Instant(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded()))
            }
        }
        return nil
    }
}

public struct FieldArgumentError: Error, CustomStringConvertible, Sendable {
    public var word: String
    public var reason: String

    public var description: String { "cannot read '\(word)': \(reason)" }
}
