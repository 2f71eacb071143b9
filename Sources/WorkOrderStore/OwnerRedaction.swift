import Foundation
import WorkOrderCore

/// IN-05: once an order has been finished long enough (`privacy.yaml`), its owner's name
/// and phone number are replaced, everywhere the store holds them for that order, by a
/// mask: `张三` → `张*`, `13812345678` → `138****5678`. The masked forms are what every
/// view shows anyway, so reports read the same before and after.
public struct OwnerRedaction: Sendable {
    public let original: Owner
    public let mask: Owner

    public init(_ owner: Owner) {
        original = owner
        mask = Owner(name: Self.maskName(owner.name), phone: PhoneMask.mask(owner.phone))
    }

    /// The first character (the family name, in Chinese use) and a star for each other one.
    public static func maskName(_ name: String) -> String {
        guard let first = name.first else { return name }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// Whether an owner is already a mask (nothing left to redact).
    public static func isMasked(_ owner: Owner) -> Bool {
        owner.name.hasSuffix("*") && owner.phone.contains("*")
    }

    /// `text` with every occurrence of the owner's name and phone replaced by their masks.
    public func redact(_ text: String) -> String {
        var result = text
        for (secret, masked) in [(original.phone, mask.phone), (original.name, mask.name)] where !secret.isEmpty && secret != masked {
            result = result.replacingOccurrences(of: secret, with: masked)
        }
        return result
    }

    /// A JSON body with every string value redacted (keys untouched, so a short name can
    /// never damage the structure); bytes that are not JSON are redacted as text.
    public func redactJSON(_ bytes: [UInt8]) -> [UInt8] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            return Array(redact(String(decoding: bytes, as: UTF8.self)).utf8)
        }
        let redacted = redactValue(value)
        guard let data = try? JSONSerialization.data(withJSONObject: redacted, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]) else {
            return bytes
        }
        return [UInt8](data)
    }

    private func redactValue(_ value: Any) -> Any {
        switch value {
        case let text as String: return redact(text)
        case let list as [Any]: return list.map(redactValue)
        case let object as [String: Any]: return object.mapValues(redactValue)
        default: return value
        }
    }

    /// Whether `text` still holds the name or the phone.
    public func holdsSecrets(_ text: String) -> Bool {
        (!original.phone.isEmpty && text.contains(original.phone)) || (!original.name.isEmpty && original.name != mask.name && text.contains(original.name))
    }
}
