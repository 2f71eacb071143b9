/// Decodes the project's own value types (stored order bodies) from JSON text: the
/// reading half of `CompactJSONEncoder`.
///
/// Foundation's `JSONDecoder` was the largest single cost of firing a timer (14.6% of
/// `wo bench timers`' drain, profiled with `perf`): every firing reads its order back. This
/// parses once with the strict `JSONParser` and walks the tree with none of Foundation's
/// options and no coding paths (errors name the key instead).
///
/// Numbers are held as doubles, so an integer is read only when it is whole and below
/// 2^53 in magnitude, where a double is exact; anything larger is refused rather than
/// rounded (callers fall back to Foundation for it). Not for Foundation's special types
/// (`Date`, `Data`, `URL`, `Decimal`), which these types never contain.
public enum CompactJSONDecoder {
    /// Deep enough for any order (they nest about eight levels); the parser recurses once
    /// per level, so the bound keeps any text from exhausting the stack.
    public static let maxDepth = 64

    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let root: JSONValue
        do {
            root = try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not valid JSON: \(error.reason)"))
        }
        return try decode(type, from: root)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try value.decoded(as: T.self)
    }

    // MARK: - Decoder

    struct TreeDecoder: Decoder {
        let value: JSONValue
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let object) = value else { throw value.mismatch("an object") }
            return KeyedDecodingContainer(Keyed<Key>(object: object))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let items) = value else { throw value.mismatch("an array") }
            return Unkeyed(items: items)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            Single(value: value)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let object: [String: JSONValue]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

        func value(_ key: Key) throws -> JSONValue {
            guard let value = object[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no key '\(key.stringValue)'"))
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).decoded(as: type, key: key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).decoded(as: type, key: key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).decoded(as: type, key: key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(key).decoded(as: type, key: key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).decodedInteger(as: type, key: key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).decodedInteger(as: type, key: key) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(key).decoded(as: type, key: key) }

        /// One look-up instead of the default's three (contains, decodeNil, decode).
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = object[key.stringValue], value != .null else { return nil }
            return try value.decoded(as: type, key: key)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try TreeDecoder(value: value(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try TreeDecoder(value: value(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { TreeDecoder(value: object["super"] ?? .null) }
        func superDecoder(forKey key: Key) throws -> any Decoder { TreeDecoder(value: object[key.stringValue] ?? .null) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        private(set) var currentIndex = 0
        var codingPath: [any CodingKey] { [] }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [JSONValue]) { self.items = items }

        mutating func next() throws -> JSONValue {
            guard currentIndex < items.count else {
                throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: [], debugDescription: "the array has only \(items.count) items"))
            }
            defer { currentIndex += 1 }
            return items[currentIndex]
        }

        /// Moves past the item only when it is null, as `UnkeyedDecodingContainer` requires.
        mutating func decodeNil() throws -> Bool {
            let item = try next()
            if item == .null { return true }
            currentIndex -= 1
            return false
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decoded(as: type) }
        mutating func decode(_ type: String.Type) throws -> String { try next().decoded(as: type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try next().decoded(as: type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try next().decoded(as: type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try next().decodedInteger(as: type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decodedInteger(as: type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decodedInteger(as: type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decodedInteger(as: type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decodedInteger(as: type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decodedInteger(as: type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decodedInteger(as: type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decodedInteger(as: type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decodedInteger(as: type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decodedInteger(as: type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decoded(as: type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try TreeDecoder(value: next()).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try TreeDecoder(value: next()).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { TreeDecoder(value: try next()) }
    }

    struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { value == .null }
        func decode(_ type: Bool.Type) throws -> Bool { try value.decoded(as: type) }
        func decode(_ type: String.Type) throws -> String { try value.decoded(as: type) }
        func decode(_ type: Double.Type) throws -> Double { try value.decoded(as: type) }
        func decode(_ type: Float.Type) throws -> Float { try value.decoded(as: type) }
        func decode(_ type: Int.Type) throws -> Int { try value.decodedInteger(as: type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try value.decodedInteger(as: type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try value.decodedInteger(as: type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try value.decodedInteger(as: type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try value.decodedInteger(as: type) }
        func decode(_ type: UInt.Type) throws -> UInt { try value.decodedInteger(as: type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try value.decodedInteger(as: type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try value.decodedInteger(as: type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try value.decodedInteger(as: type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try value.decodedInteger(as: type) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try value.decoded(as: type) }
    }
}

// MARK: - Values

extension JSONValue {
    /// 2^53: every integer below it in magnitude is exact as a double.
    static let exactIntegerLimit = 9_007_199_254_740_992.0

    func mismatch(_ expected: String, key: (any CodingKey)? = nil) -> DecodingError {
        let at = key.map { " at '\($0.stringValue)'" } ?? ""
        if self == .null {
            return DecodingError.valueNotFound(JSONValue.self, .init(codingPath: [], debugDescription: "expected \(expected)\(at), found null"))
        }
        return DecodingError.typeMismatch(JSONValue.self, .init(codingPath: [], debugDescription: "expected \(expected)\(at), found \(typeName)"))
    }

    func decoded(as type: Bool.Type, key: (any CodingKey)? = nil) throws -> Bool {
        guard case .bool(let flag) = self else { throw mismatch("a boolean", key: key) }
        return flag
    }

    func decoded(as type: String.Type, key: (any CodingKey)? = nil) throws -> String {
        guard case .string(let text) = self else { throw mismatch("a string", key: key) }
        return text
    }

    func decoded(as type: Double.Type, key: (any CodingKey)? = nil) throws -> Double {
        guard case .number(let number) = self else { throw mismatch("a number", key: key) }
        return number
    }

    func decoded(as type: Float.Type, key: (any CodingKey)? = nil) throws -> Float {
        guard case .number(let number) = self, abs(number) <= Double(Float.greatestFiniteMagnitude) else {
            throw mismatch("a number within Float's range", key: key)
        }
        return Float(number)
    }

    /// Whole, exact as a double, and within `I`'s range; never a trapping conversion.
    func decodedInteger<I: FixedWidthInteger>(as type: I.Type, key: (any CodingKey)? = nil) throws -> I {
        guard case .number(let number) = self, abs(number) < Self.exactIntegerLimit, let whole = I(exactly: number) else {
            throw mismatch("a whole number within \(I.self)'s range (and below 2^53)", key: key)
        }
        return whole
    }

    func decoded<T: Decodable>(as type: T.Type, key: (any CodingKey)? = nil) throws -> T {
        // The common leaves without a decoder of their own (as the encoder's `node(for:)`).
        switch type {
        case is JSONValue.Type: if let value = self as? T { return value }
        case is String.Type: if let value = try decoded(as: String.self, key: key) as? T { return value }
        case is Bool.Type: if let value = try decoded(as: Bool.self, key: key) as? T { return value }
        case is Int.Type: if let value = try decodedInteger(as: Int.self, key: key) as? T { return value }
        case is Int64.Type: if let value = try decodedInteger(as: Int64.self, key: key) as? T { return value }
        case is Double.Type: if let value = try decoded(as: Double.self, key: key) as? T { return value }
        default: break
        }
        do {
            return try T(from: CompactJSONDecoder.TreeDecoder(value: self))
        } catch DecodingError.keyNotFound(let missing, let context) where key != nil {
            // Name the enclosing key too, since no coding path is kept.
            throw DecodingError.keyNotFound(missing, .init(codingPath: [], debugDescription: "\(context.debugDescription) in '\(key?.stringValue ?? "")'"))
        }
    }
}
