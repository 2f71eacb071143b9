import AMQPClient
import ArgumentParser
import Foundation
import WorkOrderCore
import WorkOrderWorkers

/// `wo task <order> <event> [key=value …]`: report progress on an order and print the
/// server's answer. Exit 0: accepted (or already applied); 2: rejected; 3: no answer.
struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Report an event on a work order (accepted, on site, completed, …) and print the server's answer.",
        discussion: """
            Fields are key=value: JSON literals as JSON (true, 1200, '["a"]'), @-times as ms since \
            the epoch (@2026-11-24T14:00+08:00, @+2h), anything else as text. The events and fields \
            each kind accepts are listed in docs/workflows.md.
            Example: wo task R-20261123-3F9A2C completed --by tech-7 --role technician \
            owner_accepted=true owner_signature=张三 summary="replaced the trap"
            """
    )

    @Argument(help: "The order id.") var orderID: String
    @Argument(help: "The event, e.g. on_site, completed, owner_absent.") var event: String
    @Argument(help: "Event fields as key=value.") var fields: [String] = []

    @Option(help: "Who reports it (staff id). Default: $WO_STAFF_ID.") var by: String?
    @Option(help: "Their role (technician, cs_staff, cs_supervisor, …). Default: $WO_STAFF_ROLE.") var role: String?
    @Option(help: "Idempotency key; re-send with the same id to learn the outcome without applying twice.")
    var messageID: String?
    @Option(help: "Seconds to wait for the server's answer.") var timeout: Int = 10
    @Flag(help: "Print the server's answer as JSON.") var json = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let staff = by ?? environment["WO_STAFF_ID"] else { throw ValidationError("say who reports it: --by STAFF_ID (or WO_STAFF_ID)") }
        let roleName = role ?? environment["WO_STAFF_ROLE"] ?? ""
        guard let staffRole = Role(rawValue: roleName) else {
            throw ValidationError("--role must be one of: " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let parsed: [String: JSONValue]
        do {
            parsed = try FieldArgument.parse(fields, now: Instant(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000)))
        } catch {
            throw ValidationError(error.description)
        }
        let logger = Logging.bootstrap(level: connection.logLevel)
        let amqp = try await connectOrExplain(connection, name: "wo-task", logger: logger)
        let step = StaffStep(event: event, actor: Actor(id: staff, role: staffRole), fields: parsed)
        let id = messageID ?? "task-\(UUID().uuidString.lowercased())"
        let answer: Result<TransitionReply, any Error>
        do {
            let wait = Duration.seconds(timeout)
            answer = .success(try await TransitionClient.with(connection: amqp, logger: logger) { client in
                try await client.send(orderID: orderID, step: step, messageID: id, timeout: wait)
            })
        } catch {
            answer = .failure(error)
        }
        await amqp.close()
        switch answer {
        case .failure(let error as TransitionClientError):
            printError(error.description)
            throw ExitCode(3)
        case .failure(let error):
            printError("could not send the event: \(error)")
            throw ExitCode(1)
        case .success(let reply):
            print(json ? String(decoding: try JSONEncoder.sorted.encode(reply), as: UTF8.self) : Self.describe(reply))
            if reply.status == .rejected { throw ExitCode(2) }
        }
    }

    static func describe(_ reply: TransitionReply) -> String {
        switch reply.status {
        case .accepted: return "accepted: \(reply.order_id) \(reply.event) → \(reply.state)"
        case .duplicate: return "already applied: \(reply.order_id) is in state \(reply.state) (nothing changed)"
        case .rejected:
            return "rejected: \(reply.order_id) \(reply.event) in state \(reply.state): \(reply.reason ?? "no reason given")"
                + (reply.rule.map { " [\($0)]" } ?? "")
        }
    }
}
