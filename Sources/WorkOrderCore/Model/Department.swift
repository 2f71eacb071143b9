/// The departments work is dispatched to.
///
/// Raw values are snake_case like every other identifier in the policy files;
/// a shell that needs a queue name uses the raw value as is (`customer_service`).
public enum Department: String, Codable, CaseIterable, Sendable {
    case engineering
    case cleaning
    case greening
    case security
    /// Customer service owns intake, replies to owners and call-backs.
    case customer_service
}

/// The people the procedures name. The policy files may only use these names.
public enum Role: String, Codable, CaseIterable, Sendable {
    case duty_officer
    case cs_staff
    case cs_supervisor
    case site_director
    case complaint_centre
    case deputy_gm
    case gm
    case butler
    case engineering_supervisor
    case department_head
    case technician
    case team_leader
    case security
    case control_room
    case owner
    case system
}
