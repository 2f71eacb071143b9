import ArgumentParser
import WorkOrderCore
import WorkOrderWorkers

/// `wo escalate`: pass an order up by hand; the role named is told at once on
/// `wo.followups`. Deadlines escalate by themselves (CMP-11, REP-01, …).
struct EscalateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: "Escalate an order by hand to a role, with the reason."
    )

    @Argument(help: "The order id.") var orderID: String
    @Option(help: "The role to escalate to: site_director, complaint_centre, deputy_gm, gm, engineering_supervisor, …") var to: String
    @Option(help: "Why.") var reason: String
    @Option(help: "Escalation level shown to the receiver, from 1.") var level: Int = 1
    @OptionGroup var staff: StaffOptions
    @OptionGroup var answer: AnswerOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard Role(rawValue: to) != nil else {
            throw ValidationError("--to must be one of: " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let step = StaffStep(event: "escalated", actor: try staff.actor(), fields: [
            "to": .string(to), "reason": .string(reason), "level": .number(Double(level)),
        ])
        try await TransitionSending.send(step, to: orderID, answer: answer, connection: connection)
    }
}
