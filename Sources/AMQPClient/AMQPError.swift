/// What went wrong talking to the broker. Every case carries what a person needs to
/// act on it; broker refusals keep the broker's own reply code and text.
public enum AMQPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The URL could not be read.
    case invalidURL(String)
    /// TCP/TLS connection to the broker failed (refused, unreachable, TLS handshake).
    case connectionFailed(host: String, port: Int, reason: String)
    /// The broker refused the login (wrong user, password or vhost).
    case authenticationFailed(user: String, vhost: String, reason: String)
    /// The broker closed the connection (e.g. 320 CONNECTION_FORCED on shutdown).
    case connectionClosed(replyCode: Int, replyText: String)
    /// The broker closed a channel after refusing an operation
    /// (e.g. 404 NOT_FOUND for a missing exchange, 406 PRECONDITION_FAILED).
    case channelClosed(replyCode: Int, replyText: String)
    /// The connection went away while the operation was in flight: it may or may not
    /// have taken effect. Publishers retry; consumers deduplicate by message id.
    case connectionLost(String)
    /// The broker could not route a mandatory message to any queue (basic.return).
    case unroutable(exchange: String, routingKey: String, replyCode: Int, replyText: String)
    /// The broker refused to take responsibility for a message (basic.nack).
    case nacked
    /// The consumer was cancelled by the broker (its queue was deleted, for instance).
    case consumerCancelled(queue: String)
    /// The connection has been closed by this process.
    case closed
    /// A librabbitmq call failed with a status that fits nothing above.
    case library(operation: String, status: Int, message: String)
    /// The message cannot be put on the wire as it is (a property longer than AMQP's 255
    /// bytes, a body over the limit); it was not sent, and sending it again will not help.
    case invalidMessage(String)

    public var description: String {
        switch self {
        case .invalidURL(let why): return "invalid AMQP URL: \(why)"
        case .connectionFailed(let host, let port, let reason):
            return "cannot connect to the broker at \(host):\(port): \(reason)"
        case .authenticationFailed(let user, let vhost, let reason):
            return "the broker refused the login of user '\(user)' to vhost '\(vhost)': \(reason)"
        case .connectionClosed(let code, let text): return "the broker closed the connection: \(code) \(text)"
        case .channelClosed(let code, let text): return "the broker refused the operation: \(code) \(text)"
        case .connectionLost(let why): return "connection to the broker lost: \(why)"
        case .unroutable(let exchange, let key, let code, let text):
            return "no queue is bound for routing key '\(key)' on exchange '\(exchange)': \(code) \(text)"
        case .nacked: return "the broker refused the message (basic.nack)"
        case .consumerCancelled(let queue): return "the broker cancelled the consumer of queue '\(queue)'"
        case .closed: return "the connection is closed"
        case .library(let op, let status, let message): return "\(op) failed: \(message) (status \(status))"
        case .invalidMessage(let why): return "the message cannot be sent: \(why)"
        }
    }

    /// Whether retrying the same operation later may succeed.
    public var isTransient: Bool {
        switch self {
        case .connectionFailed, .connectionClosed, .connectionLost, .nacked: return true
        default: return false
        }
    }
}
