/// Reads typed values out of an event's or an intake's fields; a missing or mistyped
/// field becomes a `Rejection` naming the field and what was expected.
///
/// Every field the machines read goes through here, so the field reference in
/// docs/workflows.md is drawn from these reads (`FieldCatalogue`), never written by hand.
struct FieldReader {
    var fields: [String: JSONValue]
    /// "event 'completed'" or "repair intake", for messages.
    var source: String

    /// While the catalogue is drawn: every read is noted and answered with a sample.
    @TaskLocal static var recording: FieldRecording?

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
        if let recording = Self.recording { return recording.read(key, "text", required: true, sample: .string("x")).stringValue ?? "x" }
        guard let value = try optionalString(key) else { throw missing(key, "text") }
        return value
    }

    func optionalString(_ key: String) throws(Rejection) -> String? {
        if let recording = Self.recording { return recording.read(key, "text", required: false, sample: .string("x")).stringValue }
        guard let value = fields[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw mistyped(key, "text", value) }
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { throw mistyped(key, "non-empty text", value) }
        return trimmed
    }

    func bool(_ key: String) throws(Rejection) -> Bool {
        if let recording = Self.recording { return recording.read(key, "true or false", required: true, sample: .bool(true)) == .bool(true) }
        guard let value = try optionalBool(key) else { throw missing(key, "true or false") }
        return value
    }

    func optionalBool(_ key: String) throws(Rejection) -> Bool? {
        if let recording = Self.recording { return recording.read(key, "true or false", required: false, sample: .bool(true)) == .bool(true) }
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
        if let recording = Self.recording { return recording.wholeNumber(key, range, required: true) ?? max(range.lowerBound, 0) }
        guard let value = try optionalInt(key, in: range) else { throw missing(key, "a whole number") }
        return value
    }

    /// Range-checked before any conversion: 1e19 or 2^64 is refused, never trapped on.
    func optionalInt(_ key: String, in range: ClosedRange<Int> = wholeNumbers) throws(Rejection) -> Int? {
        if let recording = Self.recording { return recording.wholeNumber(key, range, required: false) }
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
        if let recording = Self.recording {
            if case .number(let n) = recording.read(key, "a number", required: false, sample: .number(0)) { return n }
            return 0
        }
        guard let value = fields[key], value != .null else { return nil }
        guard case .number(let number) = value, number.isFinite else { throw mistyped(key, "a number", value) }
        return number
    }

    func instant(_ key: String) throws(Rejection) -> Instant {
        if let recording = Self.recording { return recording.instant(key, required: true) ?? FieldCatalogue.sampleNow }
        guard let value = try optionalInstant(key) else { throw missing(key, "milliseconds since 1970") }
        return value
    }

    func optionalInstant(_ key: String) throws(Rejection) -> Instant? {
        if let recording = Self.recording { return recording.instant(key, required: false) }
        return try optionalInt(key, in: Self.milliseconds).map { Instant(millisecondsSinceEpoch: Int64($0)) }
    }

    func strings(_ key: String) throws(Rejection) -> [String] {
        if let recording = Self.recording {
            _ = recording.read(key, "a list of text", required: false, sample: ["x"])
            return ["x"]
        }
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
        if let recording = Self.recording, let first = T.allCases.first { return recording.choice(key, T.self, required: true) ?? first }
        guard let value = try optionalChoice(key, T.self) else {
            throw missing(key, "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    func optionalChoice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(Rejection) -> T? where T.RawValue == String {
        if let recording = Self.recording { return recording.choice(key, T.self, required: false) }
        guard let text = try optionalString(key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw mistyped(key, "one of " + T.allCases.map(\.rawValue).joined(separator: ", "), .string(text))
        }
        return value
    }
}

extension FieldReader {
    /// An object of whole amounts in fen, e.g. `{"property_fee": 120000}` (MOV-04).
    func amounts(_ key: String) throws(Rejection) -> [String: Int] {
        if let recording = Self.recording {
            _ = recording.read(key, "an object of name → whole amount in fen", required: true, sample: [:])
            return [:]
        }
        guard case .object(let object)? = fields[key] else {
            throw Rejection(.missing_field, "field '\(key)' must be an object of name → whole number")
        }
        var result: [String: Int] = [:]
        for (name, amount) in object {
            guard case .number(let n) = amount, n.isFinite, n == n.rounded() else {
                throw Rejection(.invalid_field, "field '\(key).\(Rejection.quoted(name))' must be a whole number, got \(Rejection.quoted(amount.description))")
            }
            result[name] = try Self.whole(n, in: Self.fen, field: "fields.\(key).\(Rejection.quoted(name))", source: source)
        }
        return result
    }

    /// Meter readings, e.g. `{"water": 12, "electricity": 305.5}` (MOV-05).
    func readings(_ key: String) throws(Rejection) -> [String: Double] {
        if let recording = Self.recording {
            _ = recording.read(key, "an object of meter → reading (0 or more)", required: true, sample: [:])
            return [:]
        }
        guard case .object(let object)? = fields[key] else {
            throw Rejection(.missing_field, "field '\(key)' must be an object of meter → reading", rule: "MOV-05")
        }
        var result: [String: Double] = [:]
        for (name, reading) in object {
            guard case .number(let n) = reading, n.isFinite, n >= 0 else {
                throw Rejection(.invalid_field, "field '\(key).\(Rejection.quoted(name))' must be a reading of 0 or more, got \(Rejection.quoted(reading.description))")
            }
            result[name] = n
        }
        return result
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
