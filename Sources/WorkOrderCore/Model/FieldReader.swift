/// Reads typed values out of an event's or an intake's fields; a missing or mistyped
/// field becomes a `Rejection` naming the field and what was expected.
struct FieldReader {
    var fields: [String: JSONValue]
    /// "event 'completed'" or "repair intake", for messages.
    var source: String

    private func missing(_ key: String, _ expected: String) -> Rejection {
        Rejection(.missing_field, "\(source) needs field '\(key)' (\(expected))")
    }

    private func mistyped(_ key: String, _ expected: String, _ value: JSONValue) -> Rejection {
        Rejection(.invalid_field, "\(source): field '\(key)' must be \(expected), got \(value)")
    }

    func has(_ key: String) -> Bool {
        if let value = fields[key], value != .null { return true }
        return false
    }

    func string(_ key: String) throws(Rejection) -> String {
        guard let value = try optionalString(key) else { throw missing(key, "text") }
        return value
    }

    func optionalString(_ key: String) throws(Rejection) -> String? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw mistyped(key, "text", value) }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { throw mistyped(key, "non-empty text", value) }
        return trimmed
    }

    func bool(_ key: String) throws(Rejection) -> Bool {
        guard let value = try optionalBool(key) else { throw missing(key, "true or false") }
        return value
    }

    func optionalBool(_ key: String) throws(Rejection) -> Bool? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw mistyped(key, "true or false", value) }
        return flag
    }

    func int(_ key: String) throws(Rejection) -> Int {
        guard let value = try optionalInt(key) else { throw missing(key, "a whole number") }
        return value
    }

    func optionalInt(_ key: String) throws(Rejection) -> Int? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 9e15 else {
            throw mistyped(key, "a whole number", value)
        }
        return Int(number)
    }

    func optionalNumber(_ key: String) throws(Rejection) -> Double? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .number(let number) = value else { throw mistyped(key, "a number", value) }
        return number
    }

    func instant(_ key: String) throws(Rejection) -> Instant {
        guard let value = try optionalInstant(key) else { throw missing(key, "milliseconds since 1970") }
        return value
    }

    func optionalInstant(_ key: String) throws(Rejection) -> Instant? {
        try optionalInt(key).map { Instant(millisecondsSinceEpoch: Int64($0)) }
    }

    func strings(_ key: String) throws(Rejection) -> [String] {
        guard let value = fields[key], value != .null else { return [] }
        guard case .array(let items) = value else { throw mistyped(key, "a list of text", value) }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw mistyped(key, "a list of text", value) }
            result.append(text)
        }
        return result
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(Rejection) -> T where T.RawValue == String {
        guard let value = try optionalChoice(key, T.self) else {
            throw missing(key, "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    func optionalChoice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(Rejection) -> T? where T.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw mistyped(key, "one of " + T.allCases.map(\.rawValue).joined(separator: ", "), .string(text))
        }
        return value
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\n" || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\n" || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
