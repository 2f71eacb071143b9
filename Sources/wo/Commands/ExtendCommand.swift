import ArgumentParser
import WorkOrderCore
import WorkOrderWorkers

/// `wo extend`: a granted extension of a complaint's deadline (CMP-14): who granted it,
/// why, and the new due time are recorded; the server moves the deadline.
struct ExtendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: "Move a complaint's deadline, recording who granted it and why (CMP-14)."
    )

    @Argument(help: "The order id.") var orderID: String
    @Option(help: "The new due time: 2026-11-25T18:00 (this machine's zone), with an offset, or +2d.") var deadline: String
    @Option(help: ArgumentHelp("Which deadline (handling, reply, answer, contact_owner, report_back, …)."))
    var which: String = TimerPurpose.handling.rawValue
    @Option(help: "Who granted it (staff id); their role is --role (default site_director).") var grantedBy: String
    @Option(help: "Their role.") var role: String = Role.site_director.rawValue
    @Option(help: "Why the extension was granted.") var reason: String
    @OptionGroup var answer: AnswerOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard let purpose = TimerPurpose(rawValue: which) else {
            throw ValidationError("--which must be one of: " + TimerPurpose.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let grantor = Role(rawValue: role) else {
            throw ValidationError("--role must be one of: " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let due = try TransitionSending.time(deadline, option: "--deadline")
        let step = StaffStep(event: "extension_granted", actor: Actor(id: grantedBy, role: grantor), fields: [
            "deadline": .string(purpose.rawValue), "new_deadline": .number(Double(due.millisecondsSinceEpoch)), "reason": .string(reason),
        ])
        try await TransitionSending.send(step, to: orderID, answer: answer, connection: connection)
    }
}
