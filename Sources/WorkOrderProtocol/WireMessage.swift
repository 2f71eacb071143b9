import Foundation
import WorkOrderCore

/// A body on the wire. Encoding is the synthesized `Encodable`; decoding always goes
/// through `StrictJSON` and `init(wire:)`, so a receiver never trusts what arrives.
public protocol WireMessage: Codable, Sendable {
    init(wire: WireObject) throws(ContractViolation)
}

public enum WireFormat {
    /// The only `schema_version` this program speaks.
    public static let schemaVersion = 1

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `value` as a body (keys sorted, so the same message gives the same bytes).
    /// Encoding our own value types cannot fail; a failure would be a programming error
    /// and still must not stop the server, so it yields an empty object.
    static func encode(_ value: some Encodable) -> [UInt8] {
        if let bytes = try? CompactJSONEncoder.encode(value, sortedKeys: true) { return bytes }
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }
}

extension WireMessage {
    /// Decodes strictly; the violation names the field and the limit.
    public static func decode(_ body: [UInt8], limits: StrictJSON.Limits = StrictJSON.Limits()) throws(ContractViolation) -> Self {
        try Self(wire: WireObject(try StrictJSON.object(body, limits: limits)))
    }

    /// The JSON body (keys sorted, so the same message gives the same bytes).
    public func encoded() -> [UInt8] { WireFormat.encode(self) }
}

/// Each wire type's `init(from:)` calls this: the strict path from any decoder, so a
/// type decoded inside another, or by a caller's own `JSONDecoder`, gets the same checks.
extension WireMessage {
    public init(strictFrom decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard case .object(let object) = value else {
            throw DecodingError.typeMismatch(Self.self, .init(codingPath: decoder.codingPath, debugDescription: "expected an object"))
        }
        do {
            try StrictJSON.check(value, path: "", limits: StrictJSON.Limits(), depth: 0)
            self = try Self(wire: WireObject(object))
        } catch let violation {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: violation.description))
        }
    }
}

extension Actor {
    /// An actor as sent from outside: `system` is the engine's own role and never claimed.
    public init(wire: WireObject) throws(ContractViolation) {
        let id = try wire.text("id", .identifier)
        let role = try wire.choice("role", Role.self)
        guard role != .system else {
            throw ContractViolation(field: wire.path("role"), "'system' is the engine's own role; name the role the person acted in")
        }
        self.init(id: id, role: role)
    }
}

extension Household {
    public init(wire: WireObject) throws(ContractViolation) {
        self.init(building: try wire.text("building", .identifier), unit: try wire.text("unit", .identifier), room: try wire.text("room", .identifier))
    }
}

extension Owner {
    public init(wire: WireObject) throws(ContractViolation) {
        self.init(name: try wire.text("name", .personName), phone: try wire.text("phone", .phone))
    }
}
