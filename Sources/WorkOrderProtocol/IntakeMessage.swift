import WorkOrderCore

/// An owner's request published to `wo.intake` (routing key = kind). The body is the
/// core's `IntakeRequest`; this is its strict reading from the wire.
extension IntakeRequest {
    /// How many earlier orders an intake may name in `repeat_of` (IN-04).
    public static let maxRepeatOf = 20

    public init(wire: WireObject) throws(ContractViolation) {
        try wire.schemaVersion(WireFormat.schemaVersion)
        var actor: Actor?
        if let recorder = try wire.optionalObject("recorded_by") { actor = try Actor(wire: recorder) }
        self.init(
            schemaVersion: WireFormat.schemaVersion,
            kind: try wire.choice("kind", OrderKind.self),
            site: try wire.text("site", .identifier),
            household: try Household(wire: try wire.object("household")),
            owner: try Owner(wire: try wire.object("owner")),
            channel: try wire.choice("channel", Channel.self),
            subject: try wire.text("subject", .line),
            content: try wire.optionalText("content", .freeText) ?? "",
            recordedBy: actor,
            repeatOf: try wire.texts("repeat_of", .identifier, maxItems: Self.maxRepeatOf),
            fields: try wire.freeObject("fields")
        )
    }

    /// The body as intake systems send it.
    public func encodedForWire() -> [UInt8] {
        WireFormat.encode(IntakeEnvelope(self))
    }
}

/// Encodes an `IntakeRequest` exactly as the contract reads it (the core type's own
/// `Codable` is for the store).
struct IntakeEnvelope: Encodable {
    var request: IntakeRequest
    init(_ request: IntakeRequest) { self.request = request }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", kind, site, household, owner, channel, subject, content
        case recordedBy = "recorded_by", repeatOf = "repeat_of", fields
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(WireFormat.schemaVersion, forKey: .schemaVersion)
        try c.encode(request.kind, forKey: .kind)
        try c.encode(request.site, forKey: .site)
        try c.encode(request.household, forKey: .household)
        try c.encode(request.owner, forKey: .owner)
        try c.encode(request.channel, forKey: .channel)
        try c.encode(request.subject, forKey: .subject)
        try c.encode(request.content, forKey: .content)
        try c.encodeIfPresent(request.recordedBy, forKey: .recordedBy)
        if !request.repeatOf.isEmpty { try c.encode(request.repeatOf, forKey: .repeatOf) }
        try c.encode(request.fields, forKey: .fields)
    }

}
