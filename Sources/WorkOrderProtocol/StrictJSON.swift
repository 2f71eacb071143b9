import Foundation
import WorkOrderCore

/// Parses a message body into a JSON object under fixed limits, before any typed
/// decoding: size, nesting, list and object sizes, and every string and key checked by
/// `TextRule.anyValue`. What passes can be walked by `WireObject` without surprises.
public enum StrictJSON {
    public struct Limits: Hashable, Sendable {
        public var maxBytes = 65_536
        public var maxDepth = 8
        public var maxArrayItems = 500
        public var maxObjectKeys = 200
        public var maxKeyCharacters = 64

        public init(maxBytes: Int = 65_536) {
            self.maxBytes = maxBytes
        }
    }

    /// The body as a JSON object, or the first way it breaks the limits.
    public static func object(_ body: [UInt8], limits: Limits = Limits()) throws(ContractViolation) -> [String: JSONValue] {
        guard body.count <= limits.maxBytes else {
            throw ContractViolation("body of \(body.count) bytes exceeds the limit of \(limits.maxBytes)")
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw ContractViolation("body is not UTF-8")
        }
        // Checked on the raw bytes first: the decoder below recurses once per level, and a
        // body of a hundred thousand '[' must not reach it.
        let depth = nestingDepth(body)
        guard depth <= limits.maxDepth else {
            throw ContractViolation("body nests \(depth) levels deep; at most \(limits.maxDepth)")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body, maxDepth: limits.maxDepth)
        } catch {
            throw ContractViolation("body is not valid JSON: \(error.reason)")
        }
        guard case .object(let object) = value else {
            throw ContractViolation("body is not a JSON object")
        }
        try check(value, path: "", limits: limits, depth: 0)
        return object
    }

    /// The deepest nesting of `[` and `{` outside strings; unbalanced input gives some
    /// number and is then refused by the parser.
    static func nestingDepth(_ body: [UInt8]) -> Int {
        var depth = 0, deepest = 0
        var inString = false, escaped = false
        for byte in body {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    static func check(_ value: JSONValue, path: String, limits: Limits, depth: Int) throws(ContractViolation) {
        let field = path.isEmpty ? "(body)" : path
        switch value {
        case .null, .bool: return
        case .number(let number):
            guard number.isFinite else { throw ContractViolation(field: field, "is not a finite number") }
        case .string(let text):
            try TextRule.anyValue.check(text, field: field)
        case .array(let items):
            guard depth < limits.maxDepth else { throw ContractViolation(field: field, "nests too deep: at most \(limits.maxDepth) levels") }
            guard items.count <= limits.maxArrayItems else {
                throw ContractViolation(field: field, "has \(items.count) items; at most \(limits.maxArrayItems)")
            }
            for (index, item) in items.enumerated() {
                try check(item, path: "\(path)[\(index)]", limits: limits, depth: depth + 1)
            }
        case .object(let object):
            guard depth < limits.maxDepth else { throw ContractViolation(field: field, "nests too deep: at most \(limits.maxDepth) levels") }
            guard object.count <= limits.maxObjectKeys else {
                throw ContractViolation(field: field, "has \(object.count) keys; at most \(limits.maxObjectKeys)")
            }
            // Sorted, so the same body always gives the same reason.
            let keyRule = TextRule(maxCharacters: limits.maxKeyCharacters)
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                try keyRule.check(key, field: path.isEmpty ? "(key)" : "\(path).(key)")
                try check(item, path: path.isEmpty ? key : "\(path).\(key)", limits: limits, depth: depth + 1)
            }
        }
    }
}
