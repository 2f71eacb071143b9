import Synchronization
import CRabbitMQ
import Glibc

/// A broker operation that waits for the broker's reply.
enum RPC: Sendable {
    case declareExchange(name: String, kind: ExchangeKind, durable: Bool, arguments: FieldTable)
    case declareQueue(QueueSpec)
    case bindQueue(queue: String, exchange: String, routingKey: String)
    case purgeQueue(String)
    case deleteQueue(String)
    case deleteExchange(String)
}

enum RPCResult: Sendable {
    case done
    case queue(QueueInfo)
    case count(Int)
}

/// What the async side asks of the connection's thread.
enum Command: Sendable {
    case rpc(RPC, CheckedContinuation<RPCResult, any Error>)
    case publish([OutgoingMessage], CheckedContinuation<[AMQPError?], Never>)
    case consume(ConsumerRequest, CheckedContinuation<String, any Error>)
    case cancel(consumerTag: String)
    case settle(DeliveryTag, Settlement)
    case close(CheckedContinuation<Void, Never>)
}

enum Settlement: Sendable {
    case ack(multiple: Bool)
    case nack(multiple: Bool, requeue: Bool)
    case reject(requeue: Bool)
}

struct ConsumerRequest: Sendable {
    var queue: String
    var prefetch: UInt16
    var tag: String
    var continuation: DeliveryBatches.Continuation
    var decide: (@Sendable (Delivery) -> DeliveryVerdict)?
}

/// The queue of commands for a connection's thread, and the eventfd that wakes it
/// from `poll` when a command arrives.
final class CommandInbox: Sendable {
    private let queue = Mutex<(commands: [Command], wakePending: Bool, closed: Bool)>(([], false, false))
    let eventFD: Int32
    /// Successful reconnects so far (for operators and tests).
    let reconnects = Atomic<Int>(0)

    init() {
        eventFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    }

    deinit {
        close(eventFD)
    }

    /// Adds a command; false if the connection's thread has finished for good.
    @discardableResult
    func submit(_ command: Command) -> Bool {
        let (accepted, wake) = queue.withLock { state -> (Bool, Bool) in
            if state.closed { return (false, false) }
            state.commands.append(command)
            let wake = !state.wakePending
            state.wakePending = true
            return (true, wake)
        }
        if wake {
            var one: UInt64 = 1
            _ = write(eventFD, &one, 8)
        }
        return accepted
    }

    func drain() -> [Command] {
        var counter: UInt64 = 0
        _ = read(eventFD, &counter, 8)
        return queue.withLock { state in
            state.wakePending = false
            defer { state.commands.removeAll(keepingCapacity: true) }
            return state.commands
        }
    }

    /// Marks the inbox closed and returns what was still queued, to be failed.
    func shutDown() -> [Command] {
        queue.withLock { state in
            state.closed = true
            defer { state.commands = [] }
            return state.commands
        }
    }
}
