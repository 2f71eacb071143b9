import AMQPClient
import ArgumentParser
import Foundation
import WorkOrderCore
import WorkOrderTopology
import WorkOrderWorkers

/// `wo intake <kind> …`: publishes one request to `wo.intake` as an intake system would
/// (front desk, drills, demos). The message id is printed: `wo show <id>` finds the order.
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Publish an owner's request (complaint, repair, paid_service, help, renovation, move_in) to wo.intake.",
        discussion: """
            Example: wo intake repair --site NJ-01 --household 5-2-301 --owner 张三 --phone 13812345678 \
            --subject "kitchen leak" mode=immediate category=leak
            Kind-specific fields (key=value, as for wo task) are listed in docs/protocol.md and docs/workflows.md.
            """
    )

    @Argument(help: "The kind.") var kind: String
    @Argument(help: "Kind-specific fields as key=value.") var fields: [String] = []
    @Option(help: "The site code.") var site: String
    @Option(help: "building-unit-room, e.g. 5-2-301.") var household: String
    @Option(help: "The owner's name.") var owner: String
    @Option(help: "The owner's phone.") var phone: String
    @Option(help: "Subject (complaints: the subject code, e.g. neighbour_behaviour).") var subject: String
    @Option(help: "What the owner said; default: the subject.") var content: String?
    @Option(help: "phone, visit, letter, fax, email or on_site_staff.") var channel: String = "phone"
    @Option(help: "Who recorded it.") var recordedBy: String = "front-desk"
    @Option(help: "Idempotency key; default: a new one.") var messageID: String?
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard OrderKind(rawValue: kind) != nil else {
            throw ValidationError("unknown kind '\(kind)': use one of " + OrderKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let parts = household.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw ValidationError("--household must be building-unit-room, e.g. 5-2-301") }
        let parsed: [String: JSONValue]
        do {
            parsed = try FieldArgument.parse(fields, now: TransitionSending.now())
        } catch {
            throw ValidationError(error.description)
        }
        let body: JSONValue = .object([
            "schema_version": .number(1), "kind": .string(kind), "site": .string(site),
            "household": .object(["building": .string(parts[0]), "unit": .string(parts[1]), "room": .string(parts[2])]),
            "owner": .object(["name": .string(owner), "phone": .string(phone)]), "channel": .string(channel),
            "subject": .string(subject), "content": .string(content ?? subject),
            "recorded_by": .object(["id": .string(recordedBy), "role": .string(Role.cs_staff.rawValue)]),
            "fields": .object(parsed),
        ])
        let id = messageID ?? "intake-\(UUID().uuidString.lowercased())"
        let logger = Logging.bootstrap(level: connection.logLevel)
        let amqp = try await connectOrExplain(connection, name: "wo-intake", logger: logger)
        do {
            try await amqp.publish(OutgoingMessage(
                exchange: BrokerTopology.intakeExchange, routingKey: kind, body: Array(try JSONEncoder.sorted.encode(body)),
                properties: MessageProperties(messageID: id, type: "intake", appID: "wo-intake")))
        } catch {
            await amqp.close()
            printError("not published: \(error) (is the topology declared? run wo serve or wo broker setup)")
            throw ExitCode(1)
        }
        await amqp.close()
        print("published \(id); find the order with: wo show \(id)")
    }
}
