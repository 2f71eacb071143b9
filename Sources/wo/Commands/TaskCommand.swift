import ArgumentParser
import WorkOrderCore
import WorkOrderWorkers

/// `wo task <order> <event> [key=value …]`: report progress on an order and print the
/// server's answer. Exit 0: accepted (or already applied); 2: rejected; 3: no answer.
struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Report an event on a work order (accepted, on site, completed, …) and print the server's answer · 报告工单进展",
        discussion: """
            Fields are key=value: JSON literals as JSON (true, 1200, '["a"]'), @-times as ms since \
            the epoch (@2026-11-24T14:00+08:00, @+2h), anything else as text. The events and fields \
            each kind accepts are listed in docs/workflows.md.
            Example: wo task R-20261123-3F9A2C completed --by tech-7 --role technician \
            owner_accepted=true owner_signature=张三 summary="replaced the trap"
            Exit status: 0 accepted or already applied, 2 rejected, 3 no answer, 1 other errors.
            """
    )

    @Argument(help: "The order id.") var orderID: String
    @Argument(help: "The event, e.g. on_site, completed, owner_absent.") var event: String
    @Argument(help: "Event fields as key=value.") var fields: [String] = []

    @OptionGroup var staff: StaffOptions
    @OptionGroup var answer: AnswerOptions
    @OptionGroup var language: LanguageOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let actor = try staff.actor()
        let parsed: [String: JSONValue]
        do {
            parsed = try FieldArgument.parse(fields, now: TransitionSending.now())
        } catch {
            throw ValidationError(error.description)
        }
        try await TransitionSending.send(StaffStep(event: event, actor: actor, fields: parsed), to: orderID, answer: answer, connection: connection, language: language.chosen)
    }
}
