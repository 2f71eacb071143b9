import AMQPClient
import ArgumentParser
import Foundation
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderWorkers

/// Who is acting: `--by` and `--role`, or WO_STAFF_ID / WO_STAFF_ROLE.
struct StaffOptions: ParsableArguments {
    @Option(help: "Who reports it (staff id). Default: $WO_STAFF_ID.") var by: String?
    @Option(help: "Their role (technician, cs_staff, cs_supervisor, site_director, …). Default: $WO_STAFF_ROLE.") var role: String?

    func actor(defaultRole: Role? = nil) throws -> Actor {
        let environment = ProcessInfo.processInfo.environment
        guard let staff = by ?? environment["WO_STAFF_ID"] else { throw ValidationError("say who acts: --by STAFF_ID (or WO_STAFF_ID)") }
        let name = role ?? environment["WO_STAFF_ROLE"] ?? defaultRole?.rawValue ?? ""
        guard let parsed = Role(rawValue: name) else {
            throw ValidationError("--role must be one of: " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return Actor(id: staff, role: parsed)
    }
}

/// How the answer is waited for and printed.
struct AnswerOptions: ParsableArguments {
    @Option(help: "Idempotency key; re-send with the same id to learn the outcome without applying twice.")
    var messageID: String?
    @Option(help: "Seconds to wait for the server's answer.") var timeout: Int = 10
    @Flag(help: "Print the server's answer as JSON.") var json = false
}

/// Sends one event and prints the server's answer. Exit 0: accepted or already applied;
/// 2: rejected (the reason is printed); 3: no answer in time; 1: broker unreachable.
enum TransitionSending {
    static func send(
        _ step: StaffStep, to orderID: String, answer: AnswerOptions, connection: ConnectionOptions, language: StaffLanguage = .en
    ) async throws {
        let id = answer.messageID ?? "\(step.event)-\(UUID().uuidString.lowercased())"
        // The server's own reading, here: a message it would dead-letter (and so never
        // answer) is refused before it is sent.
        let body = TransitionMessage(orderID: orderID, event: step.event, actor: step.actor, fields: step.fields).encoded()
        let check = InboundMessage.decode(InboundEnvelope(route: .transitions, routingKey: "task.\(step.event)", messageID: id, body: body), maxBodyBytes: 64 * 1024)
        if case .invalid(let violation, _) = check {
            throw ValidationError("the server would refuse this event: \(violation)")
        }
        let logger = Logging.bootstrap(level: connection.logLevel)
        let amqp = try await connectOrExplain(connection, name: "wo-\(step.event)", language: language, logger: logger)
        let wait = Duration.seconds(answer.timeout)
        let outcome: Result<TransitionReply, any Error>
        do {
            outcome = .success(try await TransitionClient.with(connection: amqp, logger: logger) { client in
                try await client.send(orderID: orderID, step: step, messageID: id, timeout: wait)
            })
        } catch {
            outcome = .failure(error)
        }
        await amqp.close()
        switch outcome {
        case .failure(let error as TransitionClientError):
            printError(error.description)
            throw ExitCode(3)
        case .failure(let error):
            printError("could not send the event: \(error)")
            throw ExitCode(1)
        case .success(let reply):
            print(answer.json ? String(decoding: try JSONEncoder.sorted.encode(reply), as: UTF8.self) : describe(reply, language: language))
            if reply.status == .rejected { throw ExitCode(2) }
        }
    }

    static func describe(_ reply: TransitionReply, language: StaffLanguage = .en) -> String {
        if language == .zh {
            switch reply.status {
            case .accepted: return "已受理：\(reply.orderID) \(reply.event) → \(reply.state)"
            case .duplicate: return "此前已处理：\(reply.orderID) 现为 \(reply.state)（未作改变）"
            case .rejected:
                return "被拒绝：\(reply.orderID) 在 \(reply.state) 状态下不能 \(reply.event)：\(reply.reason ?? "未说明原因")"
                    + (reply.rule.map { "［\($0)］" } ?? "")
            }
        }
        switch reply.status {
        case .accepted: return "accepted: \(reply.orderID) \(reply.event) → \(reply.state)"
        case .duplicate: return "already applied: \(reply.orderID) is in state \(reply.state) (nothing changed)"
        case .rejected:
            return "rejected: \(reply.orderID) \(reply.event) in state \(reply.state): \(reply.reason ?? "no reason given")"
                + (reply.rule.map { " [\($0)]" } ?? "")
        }
    }

    static func now() -> Instant {
        Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }

    /// A time option (`2026-11-25T18:00`, with or without offset, or `+2h`) as an instant.
    static func time(_ text: String, option: String) throws -> Instant {
        guard let instant = FieldArgument.time(text.hasPrefix("@") ? String(text.dropFirst()) : text, now: now()) else {
            throw ValidationError("\(option) '\(text)' is not a time: use YYYY-MM-DDTHH:MM[±hh:mm] or +<n>m|h|d")
        }
        return instant
    }
}
