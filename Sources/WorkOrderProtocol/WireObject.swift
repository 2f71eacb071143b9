import WorkOrderCore

/// Reads typed values out of a JSON object that `StrictJSON` accepted, each under its
/// own rule; a refusal names the field by its path (`household.room`).
public struct WireObject: Sendable {
    public let values: [String: JSONValue]
    /// The path of this object in the body, with a trailing dot, or empty at the top.
    public let prefix: String

    public init(_ values: [String: JSONValue], prefix: String = "") {
        self.values = values
        self.prefix = prefix
    }

    public func path(_ key: String) -> String { prefix + key }

    /// The value, or nil when absent or `null`.
    public func raw(_ key: String) -> JSONValue? {
        guard let value = values[key], value != .null else { return nil }
        return value
    }

    public func text(_ key: String, _ rule: TextRule) throws(ContractViolation) -> String {
        guard let value = try optionalText(key, rule) else { throw .missing(path(key)) }
        return value
    }

    public func optionalText(_ key: String, _ rule: TextRule) throws(ContractViolation) -> String? {
        guard let value = raw(key) else { return nil }
        guard case .string(let text) = value else { throw mistyped(key, "text", value) }
        try rule.check(text, field: path(key))
        return text
    }

    public func object(_ key: String) throws(ContractViolation) -> WireObject {
        guard let value = try optionalObject(key) else { throw .missing(path(key)) }
        return value
    }

    public func optionalObject(_ key: String) throws(ContractViolation) -> WireObject? {
        guard let value = raw(key) else { return nil }
        guard case .object(let object) = value else { throw mistyped(key, "an object", value) }
        return WireObject(object, prefix: path(key) + ".")
    }

    /// A whole number within `range`; 1.5, 1e19 and 2^64 are refused, never converted.
    public func int(_ key: String, in range: ClosedRange<Int>) throws(ContractViolation) -> Int {
        guard let value = try optionalInt(key, in: range) else { throw .missing(path(key)) }
        return value
    }

    public func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(ContractViolation) -> Int? {
        guard let value = raw(key) else { return nil }
        guard case .number(let number) = value else { throw mistyped(key, "a whole number", value) }
        return try Self.wholeNumber(number, in: range, field: path(key))
    }

    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(ContractViolation) -> T where T.RawValue == String {
        guard let value = try optionalChoice(key, T.self) else { throw .missing(path(key)) }
        return value
    }

    public func optionalChoice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(ContractViolation) -> T? where T.RawValue == String {
        guard let value = raw(key) else { return nil }
        guard case .string(let text) = value, let choice = T(rawValue: text) else {
            throw ContractViolation(field: path(key), "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", ")
                + ", got \(Self.show(value))")
        }
        return choice
    }

    public func texts(_ key: String, _ rule: TextRule, maxItems: Int) throws(ContractViolation) -> [String] {
        guard let value = raw(key) else { return [] }
        guard case .array(let items) = value else { throw mistyped(key, "a list of text", value) }
        guard items.count <= maxItems else { throw ContractViolation(field: path(key), "has \(items.count) items; at most \(maxItems)") }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw mistyped("\(key)[\(index)]", "text", item) }
            try rule.check(text, field: path("\(key)[\(index)]"))
            result.append(text)
        }
        return result
    }

    /// An object of free-form values (`fields`): already checked by `StrictJSON`.
    public func freeObject(_ key: String) throws(ContractViolation) -> [String: JSONValue] {
        guard let value = raw(key) else { return [:] }
        guard case .object(let object) = value else { throw mistyped(key, "an object", value) }
        return object
    }

    /// `schema_version` must be the whole number this program speaks.
    public func schemaVersion(_ supported: Int) throws(ContractViolation) {
        guard let value = raw("schema_version") else { throw .missing(path("schema_version")) }
        guard case .number(let number) = value else {
            throw ContractViolation(field: path("schema_version"), "must be the whole number \(supported), got \(Self.show(value))")
        }
        guard number == Double(supported) else {
            throw ContractViolation("schema_version \(Self.show(value)) is not supported (expected \(supported))")
        }
    }

    static func wholeNumber(_ number: Double, in range: ClosedRange<Int>, field: String) throws(ContractViolation) -> Int {
        guard number.isFinite, number == number.rounded() else {
            throw ContractViolation(field: field, "must be a whole number, got \(show(.number(number)))")
        }
        // Compared as Doubles first: Int(exactly:) of 1e19 is nil, never a trap.
        guard number >= Double(range.lowerBound) else { throw ContractViolation(field: field, "is out of range: at least \(range.lowerBound)") }
        guard number <= Double(range.upperBound), let whole = Int(exactly: number), range.contains(whole) else {
            throw ContractViolation(field: field, "is out of range: at most \(range.upperBound)")
        }
        return whole
    }

    private func mistyped(_ key: String, _ expected: String, _ value: JSONValue) -> ContractViolation {
        ContractViolation(field: path(key), "must be \(expected), got \(value.typeName)")
    }

    /// A sender's value quoted in a reason: escaped and short.
    static func show(_ value: JSONValue) -> String {
        LogSafe.quote(value.description, limit: 60)
    }
}

extension WireObject {
    /// Instants on the wire are milliseconds since 1970, from 1970 to the end of 9999.
    public static let millisecondsRange: ClosedRange<Int> = 0...253_402_300_799_999

    public func milliseconds(_ key: String) throws(ContractViolation) -> Int64 {
        Int64(try int(key, in: Self.millisecondsRange))
    }

    public func optionalMilliseconds(_ key: String) throws(ContractViolation) -> Int64? {
        try optionalInt(key, in: Self.millisecondsRange).map { Int64($0) }
    }
}
