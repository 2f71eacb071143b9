import AMQPClient
import ArgumentParser
import Foundation
import WorkOrderCore
import WorkOrderProtocol
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
        guard let orderKind = OrderKind(rawValue: kind) else {
            throw ValidationError("unknown kind '\(kind)': use one of " + OrderKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let orderChannel = Channel(rawValue: channel) else {
            throw ValidationError("unknown channel '\(channel)': use one of " + Channel.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let parts = household.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw ValidationError("--household must be building-unit-room, e.g. 5-2-301") }
        let parsed: [String: JSONValue]
        do {
            parsed = try FieldArgument.parse(fields, now: TransitionSending.now())
        } catch {
            throw ValidationError(error.description)
        }
        let request = IntakeRequest(
            kind: orderKind, site: site, household: Household(building: parts[0], unit: parts[1], room: parts[2]),
            owner: Owner(name: owner, phone: phone), channel: orderChannel, subject: subject, content: content ?? subject,
            recordedBy: Actor(id: recordedBy, role: .cs_staff), fields: parsed)
        let body = request.encodedForWire()
        let id = messageID ?? "intake-\(UUID().uuidString.lowercased())"
        // The server's own reading, here: a request it would refuse is never published.
        if case .invalid(let violation, _) = InboundMessage.decode(
            InboundEnvelope(route: .intake, routingKey: kind, messageID: id, body: body), maxBodyBytes: 64 * 1024) {
            throw ValidationError("the server would refuse this request: \(violation)")
        }
        let logger = Logging.bootstrap(level: connection.logLevel)
        let amqp = try await connectOrExplain(connection, name: "wo-intake", logger: logger)
        do {
            try await amqp.publish(OutgoingMessage(
                exchange: BrokerTopology.intakeExchange, routingKey: kind, body: body,
                properties: MessageProperties(messageID: id, type: "intake", appID: "wo-intake", userID: amqp.url.user)))
        } catch {
            await amqp.close()
            printError("not published: \(error) (is the topology declared? run wo serve or wo broker setup)")
            throw ExitCode(1)
        }
        await amqp.close()
        print("published \(id); find the order with: wo show \(id)")
    }
}
