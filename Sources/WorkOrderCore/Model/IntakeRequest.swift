/// A request as received (IN-01): who, where, how, what, and the kind's own fields.
public struct IntakeRequest: Hashable, Codable, Sendable {
    public var schemaVersion: Int
    public var kind: OrderKind
    public var site: String
    public var household: Household
    public var owner: Owner
    public var channel: Channel
    public var subject: String
    /// What the owner said, as recorded.
    public var content: String
    /// Who recorded it.
    public var recordedBy: Actor?
    /// IN-04: earlier orders about the same problem, found by the server.
    public var repeatOf: [String]
    /// The kind's own fields, e.g. `mode` for repairs, `help_type` for help requests.
    public var fields: [String: JSONValue]

    public init(
        schemaVersion: Int = 1, kind: OrderKind, site: String, household: Household, owner: Owner,
        channel: Channel, subject: String, content: String = "", recordedBy: Actor? = nil,
        repeatOf: [String] = [], fields: [String: JSONValue] = [:]
    ) {
        self.schemaVersion = schemaVersion
        self.kind = kind
        self.site = site
        self.household = household
        self.owner = owner
        self.channel = channel
        self.subject = subject
        self.content = content
        self.recordedBy = recordedBy
        self.repeatOf = repeatOf
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case kind, site, household, owner, channel, subject, content
        case recordedBy = "recorded_by"
        case repeatOf = "repeat_of"
        case fields
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        kind = try c.decode(OrderKind.self, forKey: .kind)
        site = try c.decode(String.self, forKey: .site)
        household = try c.decode(Household.self, forKey: .household)
        owner = try c.decode(Owner.self, forKey: .owner)
        channel = try c.decode(Channel.self, forKey: .channel)
        subject = try c.decode(String.self, forKey: .subject)
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
        recordedBy = try c.decodeIfPresent(Actor.self, forKey: .recordedBy)
        repeatOf = try c.decodeIfPresent([String].self, forKey: .repeatOf) ?? []
        fields = try c.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
    }
}
