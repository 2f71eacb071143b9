/// Who did something: a staff member (or the owner) and the role they acted in.
public struct Actor: Hashable, Codable, Sendable {
    public var id: String
    public var role: Role

    public init(id: String, role: Role) {
        self.id = id
        self.role = role
    }

    /// The engine itself, e.g. when a timer fires.
    public static let system = Actor(id: "system", role: .system)
}

/// The owner (业主) who made the request.
public struct Owner: Hashable, Codable, Sendable {
    public var name: String
    public var phone: String

    public init(name: String, phone: String) {
        self.name = name
        self.phone = phone
    }
}

/// The household's address on the site: building / unit / room.
public struct Household: Hashable, Codable, Sendable, CustomStringConvertible {
    public var building: String
    public var unit: String
    public var room: String

    public init(building: String, unit: String, room: String) {
        self.building = building
        self.unit = unit
        self.room = room
    }

    public var description: String { "\(building)-\(unit)-\(room)" }
}

/// How a request reached the site (IN-01).
public enum Channel: String, Codable, CaseIterable, Sendable {
    case phone, visit, letter, fax, email
    case on_site_staff

    /// Written requests get a written reply (CMP-07, HELP-04).
    public var isWritten: Bool { self == .letter || self == .fax || self == .email }
}

/// The form of a reply to an owner or of a call-back (CMP-07, CB-05).
public enum ContactForm: String, Codable, CaseIterable, Sendable {
    case home_visit, phone, letter, on_the_spot
}

/// A decision a person made, recorded with who and when (CMP-01, CMP-14).
public struct Decision: Hashable, Codable, Sendable {
    public var by: Actor
    public var at: Instant

    public init(by: Actor, at: Instant) {
        self.by = by
        self.at = at
    }
}

/// A reply given to the owner (IN-03).
public struct OwnerReply: Hashable, Codable, Sendable {
    public var form: ContactForm
    public var content: String
    public var by: Actor
    public var at: Instant

    public init(form: ContactForm, content: String, by: Actor, at: Instant) {
        self.form = form
        self.content = content
        self.by = by
        self.at = at
    }
}
