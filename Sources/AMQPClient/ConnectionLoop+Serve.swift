import CRabbitMQ
import Glibc

extension ConnectionLoop {
    /// Runs commands and frames until a close is requested; throws when the connection dies.
    func serve() throws(AMQPError) {
        guard let session else { throw .connectionLost("no session") }
        let waiting = deferred
        deferred = []
        for command in waiting { try run(command, on: session) }
        // Wake often enough to keep heartbeats flowing (AMQP-NOTES 7).
        let heartbeatMs = url.heartbeatSeconds > 0 ? url.heartbeatSeconds * 250 : 1000
        let pollTimeout = Int32(min(heartbeatMs, 200))
        while closeWaiters.isEmpty {
            var framesRead = 0
            while framesRead < 512, amqp_frames_enqueued(session.state) != 0 || amqp_data_in_buffer(session.state) != 0 {
                guard try readFrame(on: session) else { break }
                framesRead += 1
            }
            handOverDeliveries()
            var fds = [
                pollfd(fd: session.socketFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: inbox.eventFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = framesRead > 0 ? poll(&fds, 2, 0) : poll(&fds, 2, pollTimeout)
            if ready < 0, errno != EINTR { throw .connectionLost("poll: \(String(cString: strerror(errno)))") }
            if fds[1].revents != 0 {
                for command in inbox.drain() { try run(command, on: session) }
            }
            if fds[0].revents != 0 || ready == 0 {
                // Readable, or idle: reading with a zero timeout also services heartbeats.
                var budget = 512
                while budget > 0, try readFrame(on: session) { budget -= 1 }
                handOverDeliveries()
            }
            amqp_maybe_release_buffers(session.state)
        }
    }

    /// Each consumer gets what this pass read, as one batch.
    func handOverDeliveries() {
        for index in consumers.indices {
            consumers.values[index].flush()
        }
    }

    func run(_ command: Command, on session: BrokerSession) throws(AMQPError) {
        switch command {
        case .rpc(let rpc, let continuation):
            do {
                let result = try perform(rpc, on: session)
                remember(rpc)
                continuation.resume(returning: result)
            } catch {
                try recoverChannel(after: error, channel: Self.rpcChannel, on: session) {
                    // The connection died under the call: try again once it is back.
                    deferred.append(command)
                } otherwise: {
                    continuation.resume(throwing: error)
                }
            }
        case .publish(let messages, let continuation):
            try publish(messages, continuation: continuation, on: session)
        case .consume(let request, let continuation):
            let channel = nextConsumerChannel
            nextConsumerChannel += 1
            consumers[request.tag] = ConsumerState(queue: request.queue, prefetch: request.prefetch, channel: channel, continuation: request.continuation, decide: request.decide)
            do {
                try subscribe(request.tag)
                continuation.resume(returning: request.tag)
            } catch {
                consumers[request.tag] = nil
                request.continuation.finish(throwing: error)
                continuation.resume(throwing: error)
                if case .connectionLost = error { throw error }
                if case .connectionClosed = error { throw error }
            }
        case .cancel(let tag):
            // Stops new deliveries; the channel stays open so held deliveries can still be acked.
            guard var consumer = consumers.removeValue(forKey: tag) else { return }
            let arena = CArena()
            amqp_basic_cancel(session.state, consumer.channel, arena.bytes(tag))
            consumer.finish()
            do { try session.check(operation: "basic.cancel", channel: consumer.channel) } catch {
                if case .channelClosed = error { return }
                throw error
            }
        case .settle(let tag, let settlement):
            try settle(tag, settlement, on: session)
        case .close(let waiter):
            closeWaiters.append(waiter)
        }
    }

    /// A channel-level refusal leaves the connection usable: reopen the channel and
    /// report. A connection-level failure is rethrown after `onConnectionLoss`.
    func recoverChannel(
        after error: AMQPError, channel: UInt16, on session: BrokerSession,
        onConnectionLoss: () -> Void, otherwise: () -> Void
    ) throws(AMQPError) {
        switch error {
        case .channelClosed:
            otherwise()
            try session.openChannel(channel, confirms: channel == Self.publishChannel)
        case .connectionLost, .connectionClosed:
            onConnectionLoss()
            throw error
        default:
            otherwise()
        }
    }

    private func remember(_ rpc: RPC) {
        switch rpc {
        case .declareExchange, .declareQueue, .bindQueue:
            declarations.append(rpc)
        case .deleteQueue(let name):
            declarations.removeAll {
                if case .declareQueue(let spec) = $0 { return spec.name == name }
                if case .bindQueue(let queue, _, _) = $0 { return queue == name }
                return false
            }
        case .deleteExchange(let name):
            declarations.removeAll {
                if case .declareExchange(let n, _, _, _) = $0 { return n == name }
                if case .bindQueue(_, let exchange, _) = $0 { return exchange == name }
                return false
            }
        case .purgeQueue:
            break
        }
    }

    func subscribe(_ tag: String) throws(AMQPError) {
        guard let session, let consumer = consumers[tag] else { return }
        try session.openChannel(consumer.channel, prefetch: consumer.prefetch)
        let arena = CArena()
        amqp_basic_consume(session.state, consumer.channel, arena.bytes(consumer.queue), arena.bytes(tag), 0, 0, 0, amqp_empty_table)
        try session.check(operation: "basic.consume", channel: consumer.channel)
    }
}
