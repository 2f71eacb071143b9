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
        Rejection(.invalid_field, "\(source): field '\(key)' must be \(expected), got \(Rejection.quoted(value.description))")
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

    /// Whole numbers from outside stay within what a Double holds exactly.
    static let wholeNumbers: ClosedRange<Int> = -9_007_199_254_740_991...9_007_199_254_740_991
    /// Money in fen (分): up to 100 million yuan.
    static let fen: ClosedRange<Int> = 0...10_000_000_000
    /// Instants: milliseconds from 1970 to the end of 9999.
    static let milliseconds: ClosedRange<Int> = 0...253_402_300_799_999

    func int(_ key: String, in range: ClosedRange<Int> = wholeNumbers) throws(Rejection) -> Int {
        guard let value = try optionalInt(key, in: range) else { throw missing(key, "a whole number") }
        return value
    }

    /// Range-checked before any conversion: 1e19 or 2^64 is refused, never trapped on.
    func optionalInt(_ key: String, in range: ClosedRange<Int> = wholeNumbers) throws(Rejection) -> Int? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .number(let number) = value, number.isFinite, number == number.rounded() else {
            throw mistyped(key, "a whole number", value)
        }
        return try Self.whole(number, in: range, field: "fields.\(key)", source: source)
    }

    /// `number` as an Int within `range`, or a rejection naming the field and the limit.
    static func whole(_ number: Double, in range: ClosedRange<Int>, field: String, source: String) throws(Rejection) -> Int {
        guard number >= Double(range.lowerBound) else {
            throw Rejection(.invalid_field, "\(source): field '\(field)' is out of range: at least \(range.lowerBound)")
        }
        guard number <= Double(range.upperBound), let whole = Int(exactly: number), range.contains(whole) else {
            throw Rejection(.invalid_field, "\(source): field '\(field)' is out of range: at most \(range.upperBound)")
        }
        return whole
    }

    func optionalNumber(_ key: String) throws(Rejection) -> Double? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .number(let number) = value, number.isFinite else { throw mistyped(key, "a number", value) }
        return number
    }

    func instant(_ key: String) throws(Rejection) -> Instant {
        guard let value = try optionalInstant(key) else { throw missing(key, "milliseconds since 1970") }
        return value
    }

    func optionalInstant(_ key: String) throws(Rejection) -> Instant? {
        try optionalInt(key, in: Self.milliseconds).map { Instant(millisecondsSinceEpoch: Int64($0)) }
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
