/// How complaints are handled (CMP-01 … CMP-14).
public struct ComplaintPolicy: Hashable, Sendable {
    /// CMP-01: who may classify.
    public var classifiers: [Role] = [.cs_supervisor]
    /// CMP-02: households for a collective complaint, and how close together.
    public var collectiveMinHouseholds = 5
    public var collectiveWindow: PolicyDuration = .elapsed(.seconds(3600))
    /// CMP-02's "the same event": complaints with the same subject from the same building
    /// (or, with `.site`, anywhere on the site) within `collectiveWindow`.
    public var collectiveScope: CollectiveScope = .building
    /// CMP-03: who hears of a collective complaint at once (the director first).
    public var collectiveNotify: [Role] = [.site_director, .deputy_gm, .complaint_centre]
    /// CMP-03: the director contacts the households and files the incident report within this.
    public var collectiveReportWithin: PolicyDuration = .sameDay
    public var collectiveReplyForm: ContactForm = .home_visit
    /// CMP-04: the CS supervisor contacts the owner of a valid complaint.
    public var contactOwnerWithin: PolicyDuration = .elapsed(.seconds(2 * 3600))
    /// CMP-06: reply to an invalid complaint.
    public var invalidReplyWithin: PolicyDuration = .elapsed(.seconds(2 * 3600))
    /// CMP-07: reply to a valid complaint handled on the spot / otherwise.
    public var onSpotReplyWithin: PolicyDuration = .elapsed(.seconds(2 * 3600))
    public var validReplyWithin: PolicyDuration = .sameDay
    /// CMP-08: deadlines by severity.
    public var severities: [ComplaintSeverity: SeverityDeadlines] = [
        .major: SeverityDeadlines(reportTo: .site_director, reportWithin: .sameDay,
                                  answerWithin: .elapsed(.seconds(2 * 86_400)), solveWithin: .elapsed(.seconds(10 * 86_400))),
        .service_failing: SeverityDeadlines(reportTo: .department_head, reportWithin: .elapsed(.seconds(3600)),
                                            solveWithin: .elapsed(.seconds(3 * 86_400))),
        .minor: SeverityDeadlines(solveWithin: .elapsed(.seconds(2 * 86_400))),
    ]
    /// CMP-09: response deadlines by subject (keys are `RoutingPolicy.complaintSubjects`).
    public var subjects: [String: SubjectDeadline] = [
        "staff_attitude": SubjectDeadline(respondWithin: .workingHours(4)),
        "staff_attitude_serious": SubjectDeadline(respondWithin: .elapsed(.seconds(2 * 86_400))),
        "in_home_urgent": SubjectDeadline(respondWithin: .elapsed(.seconds(600))),
        "in_home_simple_repair": SubjectDeadline(respondWithin: .workingHours(4)),
        "in_home_other_repair": SubjectDeadline(respondWithin: .workingDays(7)),
        "public_hazard": SubjectDeadline(respondWithin: .elapsed(.seconds(600))),
        "public_repair": SubjectDeadline(respondWithin: .workingDays(3)),
        "neighbour_behaviour": SubjectDeadline(respondWithin: .elapsed(.seconds(900)), responder: .butler),
        "other": SubjectDeadline(respondWithin: .elapsed(.seconds(8 * 3600))),
    ]
    /// CMP-12: report back to the company complaint centre after handling.
    public var reportBackWithin: PolicyDuration = .elapsed(.seconds(12 * 3600))
    /// CMP-14: who may extend a deadline ("the site manager").
    public var extensionGrantors: [Role] = [.site_director]
    public init() {}
}

/// CMP-08 severities.
public enum ComplaintSeverity: String, Hashable, Codable, CaseIterable, Sendable {
    case major, service_failing, minor
}

public struct SeverityDeadlines: Hashable, Sendable {
    /// Who hears of it, and within what.
    public var reportTo: Role?
    public var reportWithin: PolicyDuration?
    /// A clear answer to the owner within this (major).
    public var answerWithin: PolicyDuration?
    public var solveWithin: PolicyDuration

    public init(reportTo: Role? = nil, reportWithin: PolicyDuration? = nil, answerWithin: PolicyDuration? = nil, solveWithin: PolicyDuration) {
        self.reportTo = reportTo
        self.reportWithin = reportWithin
        self.answerWithin = answerWithin
        self.solveWithin = solveWithin
    }
}

public struct SubjectDeadline: Hashable, Sendable {
    public var respondWithin: PolicyDuration
    /// Who must respond, when not the routed department's staff (CMP-09: the assistant).
    public var responder: Role?

    public init(respondWithin: PolicyDuration, responder: Role? = nil) {
        self.respondWithin = respondWithin
        self.responder = responder
    }
}

/// Where complaints about one subject count as the same event (CMP-02).
public enum CollectiveScope: String, Hashable, Codable, CaseIterable, Sendable {
    /// The same building: five households of one building complaining of its lift.
    case building
    /// Anywhere on the site: for subjects that concern the whole site.
    case site
}
