import ArgumentParser
import WorkOrderCore
import WorkOrderWorkers

/// `wo classify`: the CS supervisor's classification of a complaint (CMP-01): valid,
/// assisted (someone else must solve it, CMP-05) or invalid; severity for valid ones (CMP-08).
struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify a complaint: valid, assisted or invalid (CMP-01), with its severity (CMP-08)."
    )

    @Argument(help: "The complaint's order id.") var orderID: String
    @Argument(help: "valid, assisted or invalid.") var validity: String
    @Option(help: "major, service_failing or minor.") var severity: String?
    @Option(help: "Assisted complaints: who must solve it (CMP-05).") var solvingParty: String?
    @Option(help: "A deadline the owner asked for: 2026-11-25T18:00 or +2d.") var ownerDeadline: String?
    @OptionGroup var staff: StaffOptions
    @OptionGroup var answer: AnswerOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard ComplaintValidity(rawValue: validity) != nil else {
            throw ValidationError("the class must be one of: " + ComplaintValidity.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let severity, ComplaintSeverity(rawValue: severity) == nil {
            throw ValidationError("--severity must be one of: " + ComplaintSeverity.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var fields: [String: JSONValue] = ["class": .string(validity)]
        if let severity { fields["severity"] = .string(severity) }
        if let solvingParty { fields["solving_party"] = .string(solvingParty) }
        if let ownerDeadline {
            fields["owner_deadline"] = .number(Double(try TransitionSending.time(ownerDeadline, option: "--owner-deadline").millisecondsSinceEpoch))
        }
        let step = StaffStep(event: "classified", actor: try staff.actor(defaultRole: .cs_supervisor), fields: fields)
        try await TransitionSending.send(step, to: orderID, answer: answer, connection: connection)
    }
}
