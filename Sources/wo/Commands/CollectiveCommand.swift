import ArgumentParser
import WorkOrderCore
import WorkOrderWorkers

/// `wo collective bind|release`: a supervisor corrects what the server counted as one
/// collective event (CMP-02), with the reason; recorded with who and why in each order.
struct CollectiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collective",
        abstract: "Bind a complaint to a collective complaint, or release it, with the reason (CMP-02).",
        subcommands: [Bind.self, Release.self]
    )

    struct Bind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bind a household's complaint to the collective complaint of the same event.")

        @Argument(help: "The household's complaint.") var orderID: String
        @Option(help: "The complaint that made the event collective.") var to: String
        @Option(help: "Why it is the same event.") var reason: String
        @OptionGroup var staff: StaffOptions
        @OptionGroup var answer: AnswerOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let step = StaffStep(event: CollectiveBinding.bindEventName, actor: try staff.actor(defaultRole: .cs_supervisor), fields: [
                "collective": .string(to), "reason": .string(reason),
            ])
            try await TransitionSending.send(step, to: orderID, answer: answer, connection: connection)
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release a complaint the server bound to a collective complaint by mistake.")

        @Argument(help: "The household's complaint.") var orderID: String
        @Option(help: "Why it is not the same event.") var reason: String
        @OptionGroup var staff: StaffOptions
        @OptionGroup var answer: AnswerOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let step = StaffStep(event: CollectiveBinding.releaseEventName, actor: try staff.actor(defaultRole: .cs_supervisor), fields: [
                "reason": .string(reason),
            ])
            try await TransitionSending.send(step, to: orderID, answer: answer, connection: connection)
        }
    }
}
