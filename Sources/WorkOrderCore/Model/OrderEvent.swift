/// Something that happened to an order, as the server receives it: a name such as
/// `accepted`, `on_site`, `owner_absent`, `completed`; who did it; and its fields.
/// The core decodes it into the kind's typed event, or rejects it with a reason.
public struct OrderEvent: Hashable, Codable, Sendable {
    public var name: String
    public var actor: Actor
    public var fields: [String: JSONValue]

    public init(_ name: String, by actor: Actor, fields: [String: JSONValue] = [:]) {
        self.name = name
        self.actor = actor
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey { case name, actor, fields }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        actor = try c.decode(Actor.self, forKey: .actor)
        fields = try c.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
    }
}
