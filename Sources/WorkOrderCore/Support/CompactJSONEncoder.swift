/// Encodes the project's own value types (orders, wire messages) to JSON bytes.
///
/// Foundation's `JSONEncoder` was the largest cost left on the server's hot path (a
/// quarter of `wo bench engine`'s samples, profiled with `perf`): order bodies in every
/// commit and the dispatch, event and follow-up bodies of every step. This encoder builds
/// a small tree and writes it once, with none of Foundation's options: numbers as JSON
/// numbers (whole doubles without a fraction, as Foundation writes them), strings with
/// the escapes JSON requires and `/` left alone, keys in encoding order or sorted.
///
/// Not for Foundation's special types (`Date`, `Data`, `URL`, `Decimal`), which these
/// types never contain; a non-finite double is an error, as in Foundation.
public enum CompactJSONEncoder {
    public struct Unencodable: Error, CustomStringConvertible {
        public var description: String
    }

    public static func encode<T: Encodable>(_ value: T, sortedKeys: Bool = false) throws -> [UInt8] {
        let root = NodeBox()
        try value.encode(to: TreeEncoder(box: root, codingPath: []))
        var out: [UInt8] = []
        out.reserveCapacity(512)
        try write(root.node, to: &out, sortedKeys: sortedKeys)
        return out
    }

    // MARK: - The tree

    enum Node {
        case null
        case bool(Bool)
        case integer(String)
        case double(Double)
        case string(String)
        case array(ArrayBox)
        case object(ObjectBox)
        /// A container asked for and never written to: Foundation writes `{}`.
        case empty
    }

    final class NodeBox {
        var node: Node = .empty
    }

    final class ArrayBox {
        var items: [NodeBox] = []
    }

    /// Keys in encoding order. Objects here have a few dozen keys at most, so a linear
    /// search for a key given twice costs less than hashing every key.
    final class ObjectBox {
        var entries: [(key: String, box: NodeBox)] = []

        func box(for key: String) -> NodeBox {
            if let existing = entries.first(where: { $0.key == key }) { return existing.box }
            let box = NodeBox()
            entries.append((key, box))
            return box
        }
    }

    // MARK: - Writing

    static func write(_ node: Node, to out: inout [UInt8], sortedKeys: Bool) throws {
        switch node {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let digits): out.append(contentsOf: digits.utf8)
        case .double(let value):
            guard value.isFinite else { throw Unencodable(description: "\(value) has no JSON form") }
            if abs(value) < 9_007_199_254_740_992, let whole = Int64(exactly: value) {
                out.append(contentsOf: String(whole).utf8)
            } else {
                out.append(contentsOf: value.description.utf8)
            }
        case .string(let text): writeString(text, to: &out)
        case .array(let array):
            out.append(UInt8(ascii: "["))
            for (index, item) in array.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(item.node, to: &out, sortedKeys: sortedKeys)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let entries = sortedKeys ? object.entries.sorted { $0.key < $1.key } : object.entries
            for (index, entry) in entries.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(entry.key, to: &out)
                out.append(UInt8(ascii: ":"))
                try write(entry.box.node, to: &out, sortedKeys: sortedKeys)
            }
            out.append(UInt8(ascii: "}"))
        case .empty: out.append(contentsOf: "{}".utf8)
        }
    }

    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied in one go.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: - Encoder

    /// Coding paths are not tracked (every container reports the root's): only error
    /// messages read them, and building one per value was a measurable cost.
    struct TreeEncoder: Encoder {
        let box: NodeBox
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(object: objectBox(), codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(array: arrayBox(), codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(box: box, codingPath: codingPath)
        }

        /// The object already here (a type asking twice, or a superclass), or a new one.
        func objectBox() -> ObjectBox {
            if case .object(let existing) = box.node { return existing }
            let object = ObjectBox()
            box.node = .object(object)
            return object
        }

        func arrayBox() -> ArrayBox {
            if case .array(let existing) = box.node { return existing }
            let array = ArrayBox()
            box.node = .array(array)
            return array
        }
    }

    static func node<T: Encodable>(for value: T, into box: NodeBox, codingPath: [any CodingKey]) throws {
        switch value {
        case let text as String: box.node = .string(text)
        case let flag as Bool: box.node = .bool(flag)
        case let number as Int: box.node = .integer(String(number))
        case let number as Int64: box.node = .integer(String(number))
        case let number as Double: box.node = .double(number)
        default: try value.encode(to: TreeEncoder(box: box, codingPath: codingPath))
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: ObjectBox
        let codingPath: [any CodingKey]

        func set(_ node: Node, _ key: Key) { object.box(for: key.stringValue).node = node }

        mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(.double(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { set(.double(Double(value)), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.integer(String(value)), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try CompactJSONEncoder.node(for: value, into: object.box(for: key.stringValue), codingPath: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let encoder = TreeEncoder(box: object.box(for: key.stringValue), codingPath: codingPath)
            return encoder.container(keyedBy: NestedKey.self)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            TreeEncoder(box: object.box(for: key.stringValue), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            TreeEncoder(box: object.box(for: "super"), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            TreeEncoder(box: object.box(for: key.stringValue), codingPath: codingPath)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let array: ArrayBox
        let codingPath: [any CodingKey]
        var count: Int { array.items.count }

        func next() -> NodeBox {
            let box = NodeBox()
            array.items.append(box)
            return box
        }

        mutating func encodeNil() throws { next().node = .null }
        mutating func encode(_ value: Bool) throws { next().node = .bool(value) }
        mutating func encode(_ value: String) throws { next().node = .string(value) }
        mutating func encode(_ value: Double) throws { next().node = .double(value) }
        mutating func encode(_ value: Float) throws { next().node = .double(Double(value)) }
        mutating func encode(_ value: Int) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: Int8) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: Int16) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: Int32) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: Int64) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: UInt) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: UInt8) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: UInt16) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: UInt32) throws { next().node = .integer(String(value)) }
        mutating func encode(_ value: UInt64) throws { next().node = .integer(String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try CompactJSONEncoder.node(for: value, into: next(), codingPath: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(box: next(), codingPath: codingPath).container(keyedBy: NestedKey.self)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            TreeEncoder(box: next(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            TreeEncoder(box: next(), codingPath: codingPath)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let box: NodeBox
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { box.node = .null }
        mutating func encode(_ value: Bool) throws { box.node = .bool(value) }
        mutating func encode(_ value: String) throws { box.node = .string(value) }
        mutating func encode(_ value: Double) throws { box.node = .double(value) }
        mutating func encode(_ value: Float) throws { box.node = .double(Double(value)) }
        mutating func encode(_ value: Int) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: Int8) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: Int16) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: Int32) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: Int64) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: UInt) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: UInt8) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: UInt16) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: UInt32) throws { box.node = .integer(String(value)) }
        mutating func encode(_ value: UInt64) throws { box.node = .integer(String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try CompactJSONEncoder.node(for: value, into: box, codingPath: codingPath)
        }
    }
}
