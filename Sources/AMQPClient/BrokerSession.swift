import CRabbitMQ
import Glibc

/// One live librabbitmq connection: socket, login, channels. Owned by a single
/// `ConnectionLoop` thread and never shared; when it fails, the loop drops it and
/// opens a new one.
final class BrokerSession {
    let state: amqp_connection_state_t
    private var isOpen = true

    /// Opens the socket (TCP or TLS), logs in and returns a session with no channels.
    init(url: AMQPURL, connectionName: String, timeoutSeconds: Int) throws(AMQPError) {
        guard let state = amqp_new_connection() else {
            throw .library(operation: "amqp_new_connection", status: -1, message: "out of memory")
        }
        self.state = state
        do {
            try Self.openSocket(state: state, url: url, timeoutSeconds: timeoutSeconds)
            try Self.login(state: state, url: url, connectionName: connectionName)
            var rpcTimeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
            amqp_set_rpc_timeout(state, &rpcTimeout)
        } catch {
            amqp_destroy_connection(state)
            isOpen = false
            throw error
        }
    }

    deinit {
        if isOpen { amqp_destroy_connection(state) }
    }

    private static func openSocket(state: amqp_connection_state_t, url: AMQPURL, timeoutSeconds: Int) throws(AMQPError) {
        let socket: OpaquePointer?
        if url.useTLS {
            socket = amqp_ssl_socket_new(state)
            if let socket {
                amqp_ssl_socket_set_verify_peer(socket, url.verifyPeer ? 1 : 0)
                amqp_ssl_socket_set_verify_hostname(socket, url.verifyPeer ? 1 : 0)
                if let ca = url.caCertificatePath, amqp_ssl_socket_set_cacert(socket, ca) != 0 {
                    throw .connectionFailed(host: url.host, port: url.port, reason: "cannot read CA certificate \(ca)")
                }
                // librabbitmq 0.11 trusts nothing by itself (it never loads OpenSSL's default
                // paths): without cacertfile= every broker failed verification. Use the system's.
                if url.caCertificatePath == nil, url.verifyPeer, access(systemCABundle, R_OK) == 0 {
                    _ = amqp_ssl_socket_set_cacert(socket, systemCABundle)
                }
                if let cert = url.clientCertificatePath, let key = url.clientKeyPath,
                   amqp_ssl_socket_set_key(socket, cert, key) != 0 {
                    throw .connectionFailed(host: url.host, port: url.port, reason: "cannot read client certificate \(cert) or key \(key)")
                }
            }
        } else {
            socket = amqp_tcp_socket_new(state)
        }
        guard let socket else {
            throw .library(operation: "socket", status: -1, message: "cannot create socket")
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        let status = amqp_socket_open_noblock(socket, url.host, Int32(url.port), &timeout)
        if status != AMQP_STATUS_OK.rawValue {
            throw .connectionFailed(host: url.host, port: url.port, reason: url.useTLS ? tlsFailureText(status, url: url) : statusText(status))
        }
    }

    /// Debian's bundle of the CAs the system trusts.
    static let systemCABundle = "/etc/ssl/certs/ca-certificates.crt"

    /// What a person can act on when TLS fails: librabbitmq alone says only "a SSL error
    /// occurred" or "SSL peer cert verification failed".
    static func tlsFailureText(_ status: Int32, url: AMQPURL, afterHandshake: Bool = false) -> String {
        let trusted = url.caCertificatePath.map { "cacertfile=\($0)" } ?? "the system's CAs (\(systemCABundle); no cacertfile= given)"
        switch status {
        case AMQP_STATUS_SSL_PEER_VERIFY_FAILED.rawValue:
            return "TLS: the broker's certificate did not verify against \(trusted): not signed by that CA, expired, or not yet valid"
        case AMQP_STATUS_SSL_HOSTNAME_VERIFY_FAILED.rawValue:
            var ip = in6_addr()
            let isAddress = inet_pton(AF_INET, url.host, &ip) == 1 || inet_pton(AF_INET6, url.host, &ip) == 1
            return "TLS: the broker's certificate is not for host '\(url.host)'"
                + (isAddress ? " (librabbitmq matches DNS names only, not IP addresses: connect by the name in the certificate)" : "")
        case AMQP_STATUS_SSL_ERROR.rawValue, AMQP_STATUS_SSL_CONNECTION_FAILED.rawValue:
            // OpenSSL's reason is there when the broker's alert was read, not when the
            // broker had already closed the socket under a write (a race).
            let reason = openSSLReason().map { ": \($0)" } ?? ""
            let aboutCertificate = reason.contains("certificate required") || reason.contains("unknown ca") || reason.contains("bad certificate")
            let hint = afterHandshake || aboutCertificate
                ? " (a broker that requires a client certificate ends the session when it gets none or one it does not trust: check certfile= and keyfile=)" : ""
            return (afterHandshake ? "TLS session ended by the broker before the login" : "TLS handshake failed") + reason + hint
        default:
            return statusText(status)
        }
    }

    /// OpenSSL's reason for the last failure on this thread ("tlsv13 alert certificate
    /// required"), from libcrypto as loaded with librabbitmq; nil if it cannot be found.
    private static func openSSLReason() -> String? {
        typealias PeekLastError = @convention(c) () -> UInt
        typealias ReasonString = @convention(c) (UInt) -> UnsafePointer<CChar>?
        guard let peek = dlsym(nil, "ERR_peek_last_error"), let reasonOf = dlsym(nil, "ERR_reason_error_string") else { return nil }
        let code = unsafeBitCast(peek, to: PeekLastError.self)()
        guard code != 0, let text = unsafeBitCast(reasonOf, to: ReasonString.self)(code) else { return nil }
        return String(cString: text)
    }

    private static func login(state: amqp_connection_state_t, url: AMQPURL, connectionName: String) throws(AMQPError) {
        let arena = CArena()
        var properties = arena.table(["connection_name": .string(connectionName), "product": "wo"])
        let reply = wo_amqp_login_plain(
            state, arena.cString(url.vhost), 0, 131_072, Int32(url.heartbeatSeconds),
            &properties, arena.cString(url.user), arena.cString(url.password)
        )
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            let (code, text) = closeReason(reply)
            throw .authenticationFailed(user: url.user, vhost: url.vhost, reason: "\(code) \(text)")
        default:
            // Over TLS 1.3 the broker checks the client's certificate after the client's
            // handshake has finished: its refusal arrives as a TLS error on the first read
            // here, before any login. That is a failed connection, not a refused login.
            if url.useTLS, reply.library_error == AMQP_STATUS_SSL_ERROR.rawValue {
                throw .connectionFailed(host: url.host, port: url.port, reason: tlsFailureText(reply.library_error, url: url, afterHandshake: true))
            }
            // RabbitMQ drops the socket on a bad password unless the client asks for a close.
            throw .authenticationFailed(user: url.user, vhost: url.vhost, reason: statusText(reply.library_error))
        }
    }

    /// Closes politely; errors are irrelevant at this point.
    func close() {
        guard isOpen else { return }
        isOpen = false
        _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS)
        amqp_destroy_connection(state)
    }

    var socketFD: Int32 { amqp_get_sockfd(state) }

    func openChannel(_ channel: UInt16, confirms: Bool = false, prefetch: UInt16? = nil) throws(AMQPError) {
        amqp_channel_open(state, channel)
        try check(operation: "channel.open", channel: channel)
        if confirms {
            amqp_confirm_select(state, channel)
            try check(operation: "confirm.select", channel: channel)
        }
        if let prefetch {
            amqp_basic_qos(state, channel, 0, prefetch, 0)
            try check(operation: "basic.qos", channel: channel)
        }
    }

    /// Turns the last RPC reply into a typed error. After a channel.close the channel
    /// is acknowledged closed (close-ok) so the caller may reopen it.
    func check(operation: String, channel: UInt16) throws(AMQPError) {
        let reply = amqp_get_rpc_reply(state)
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            let (code, text) = Self.closeReason(reply)
            if reply.reply.id == WO_CHANNEL_CLOSE_METHOD {
                sendChannelCloseOK(channel)
                throw .channelClosed(replyCode: code, replyText: text)
            }
            sendConnectionCloseOK()
            throw .connectionClosed(replyCode: code, replyText: text)
        default:
            throw .connectionLost("\(operation): \(Self.statusText(reply.library_error))")
        }
    }

    func sendChannelCloseOK(_ channel: UInt16) {
        var ok = amqp_channel_close_ok_t(dummy: 0)
        _ = amqp_send_method(state, channel, WO_CHANNEL_CLOSE_OK_METHOD, &ok)
    }

    func sendConnectionCloseOK() {
        var ok = amqp_connection_close_ok_t(dummy: 0)
        _ = amqp_send_method(state, 0, WO_CONNECTION_CLOSE_OK_METHOD, &ok)
    }

    static func closeReason(_ reply: amqp_rpc_reply_t) -> (Int, String) {
        guard let decoded = reply.reply.decoded else { return (0, "unknown") }
        if reply.reply.id == WO_CHANNEL_CLOSE_METHOD {
            let close = decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            return (Int(close.reply_code), close.reply_text.string)
        }
        if reply.reply.id == WO_CONNECTION_CLOSE_METHOD {
            let close = decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            return (Int(close.reply_code), close.reply_text.string)
        }
        return (0, "unexpected method \(reply.reply.id)")
    }

    static func statusText(_ status: Int32) -> String {
        String(cString: amqp_error_string2(status))
    }
}
