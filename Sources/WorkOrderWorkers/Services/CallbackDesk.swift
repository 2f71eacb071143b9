import WorkOrderCore
import WorkOrderProtocol
import AMQPClient
import Logging
import ServiceLifecycle
import WorkOrderTopology

/// `wo callbacks`: customer service's follow-up desk on `wo.followups`. Call-backs that
/// fall due arrive here with their script (CB-04); notifications and escalations for
/// the desk's roles too. The schedule itself is kept by the server: its timers are in
/// the store, so a call-back survives restarts and one that fell due while the server
/// was down is sent once when it starts again.
public struct CallbackDesk: Service {
    let loop: WorkerLoop<FollowupMessage>

    let clock: TaskClock
    let locale: StaffLocale

    public init(
        connection: AMQPConnection, handling: TaskHandling, prefetch: UInt16 = 10, output: LineOutput = .standardOutput,
        clock: TaskClock = .machine, locale: StaffLocale = .english, logger: Logger
    ) {
        self.clock = clock
        self.locale = locale
        loop = WorkerLoop(
            connection: connection, queue: BrokerTopology.followupsQueue, handling: handling, prefetch: prefetch,
            output: output, logger: logger, decode: { try FollowupMessage.decode($0) },
            line: { TaskLine.followup($0, redelivered: $1, clock: clock, locale: locale) },
            describe: { ($0.orderID, $0.type.rawValue) })
    }

    public func run() async throws {
        let output = loop.output
        let logger = loop.logger
        let clock = self.clock
        let locale = self.locale
        let words = WorkerWords(locale)
        try await loop.run { task, delivery, consumer, simulation, client in
            // Only call-backs are answered; notifications and escalations are shown.
            guard task.isCallback else {
                output.write(TaskLine.followup(task, redelivered: delivery.redelivered, clock: clock, locale: locale))
                consumer.ack(delivery)
                return
            }
            let taskID = delivery.properties.messageID ?? "\(task.orderID)@\(task.atMs)"
            do {
                let reply = try await simulation.answer(task, taskID: taskID, client: client, logger: logger)
                output.write(TaskLine.followup(task, redelivered: delivery.redelivered, clock: clock, locale: locale)
                    + words.simulatedAnswer(reply.map { "\(words.replyStatus($0.status.rawValue)) → \(words.labels.state($0.state))" } ?? words.noAnswerUnknownKind))
                consumer.ack(delivery)
            } catch {
                logger.info("call-back left unanswered; it will be redelivered", metadata: ["workorder.id": "\(task.orderID)", "error": "\(error)"])
                if !Task.isCancelled { consumer.nack(delivery, requeue: true) }
            }
        }
    }
}
