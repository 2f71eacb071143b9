/// How repairs are handled (REP-01 … REP-07).
public struct RepairPolicy: Hashable, Sendable {
    /// REP-01: immediate repairs, staff on site within this.
    public var immediateOnSiteWithin: PolicyDuration = .elapsed(.seconds(900))
    /// REP-06: who checks by phone that the technician arrived.
    public var arrivalCheckBy: Role = .engineering_supervisor
    /// REP-03: who is told when the owner postpones.
    public var postponementNotify: Role = .duty_officer
    /// REP-05: who fixes a fee not known at completion.
    public var feeFixedBy: [Role] = [.engineering_supervisor, .cs_supervisor]
    public init() {}
}

/// How paid services are handled (PAID-01 … PAID-04).
public struct PaidServicePolicy: Hashable, Sendable {
    /// PAID-01: services priced on site by a team leader.
    public var pricedOnSiteBy: [Department: Role] = [.cleaning: .team_leader, .greening: .team_leader]
    public init() {}
}

/// How help requests are handled (HELP-01 … HELP-05).
public struct HelpPolicy: Hashable, Sendable {
    /// HELP-02: who is told of a medical emergency at once (besides security being dispatched).
    public var medicalNotify: [Role] = [.control_room, .cs_supervisor, .site_director]
    /// HELP-03: who is told of an incident at once.
    public var incidentNotify: [Role] = [.site_director]
    /// HELP-02/03: the nearest staff member confirms they are there within this.
    public var emergencyConfirmWithin: PolicyDuration = .elapsed(.seconds(300))
    /// HELP-04: consultation answers by topic.
    public var consultationAnswerWithin: [String: PolicyDuration] = [
        "oral": .elapsed(.seconds(2 * 3600)),
        "community": .elapsed(.seconds(1800)),
        "fees": .elapsed(.seconds(1800)),
        "outside_services": .elapsed(.seconds(1800)),
        "other_departments": .workingDays(2),
        "written": .workingDays(2),
    ]
    public init() {}
}

/// How renovation permits are handled (REN-01 … REN-05).
public struct RenovationPolicy: Hashable, Sendable {
    /// REN-01: what an agent must bring besides the owner's documents.
    public var agentDocuments: [String] = ["power_of_attorney", "agent_id"]
    public var ownerDocuments: [String] = ["owner_id", "property_certificate"]
    /// REN-04: departments told to monitor the works when a permit is issued.
    public var permitNotify: [Department] = [.engineering, .security]
    public init() {}
}

/// Buyer cases at move-in (MOV-01).
public enum BuyerCase: String, Hashable, Codable, CaseIterable, Sendable {
    case owner, agent, company
}

/// How move-in is handled (MOV-01 … MOV-06).
public struct MoveInPolicy: Hashable, Sendable {
    public var documents: [BuyerCase: [String]] = [
        .owner: ["owner_id", "move_in_notice", "purchase_contract"],
        .agent: ["owner_id", "move_in_notice", "purchase_contract", "agent_id", "power_of_attorney"],
        .company: ["move_in_notice", "purchase_contract", "company_certificate", "person_id"],
    ]
    public var agreements: [String] = ["registration_form", "management_agreement"]
    public var handoverItems: [String] = [
        "keys", "door_card", "mailbox_key", "resident_handbook", "water_electric_diagrams",
        "gas_instructions", "gas_card", "alarm",
    ]
    public var fees: [String] = [
        "property_fee", "elevator_fee", "public_lighting", "renovation_deposit", "refuse_removal", "freight_elevator_fee",
    ]
    public var meters: [String] = ["water", "electricity", "gas"]
    public var archive: [BuyerCase: [String]] = [
        .owner: ["move_in_notice", "owner_id_copy", "registration_form", "agreements"],
        .agent: ["move_in_notice", "owner_id_copy", "agent_id_copy", "registration_form", "agreements"],
        .company: ["move_in_notice", "company_certificate", "person_id_copy", "registration_form", "agreements"],
    ]
    public init() {}
}

/// RPT-02: monthly household visits by the CS supervisor.
public struct VisitQuotaPolicy: Hashable, Sendable {
    /// Bands by occupied households: up to `upTo` (nil: no limit), at least `percent`.
    public var bands: [VisitQuotaBand] = [
        VisitQuotaBand(upTo: 300, percent: 4), VisitQuotaBand(upTo: 500, percent: 5),
        VisitQuotaBand(upTo: 800, percent: 6), VisitQuotaBand(upTo: nil, percent: 7),
    ]
    /// Day of the next month the summary is due.
    public var summaryDueDay = 5
    public init() {}
}

public struct VisitQuotaBand: Hashable, Sendable {
    public var upTo: Int?
    public var percent: Int
    public init(upTo: Int?, percent: Int) {
        self.upTo = upTo
        self.percent = percent
    }
}
