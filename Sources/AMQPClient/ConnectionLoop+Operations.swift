import CRabbitMQ

extension ConnectionLoop {
    /// A declaration or other synchronous call on the RPC channel.
    func perform(_ rpc: RPC, on session: BrokerSession) throws(AMQPError) -> RPCResult {
        let arena = CArena()
        let state = session.state
        let channel = Self.rpcChannel
        switch rpc {
        case .declareExchange(let name, let kind, let durable, let arguments):
            amqp_exchange_declare(state, channel, arena.bytes(name), arena.bytes(kind.rawValue), 0, durable ? 1 : 0, 0, 0, arena.table(arguments))
            try session.check(operation: "exchange.declare \(name)", channel: channel)
            return .done
        case .declareQueue(let spec):
            let ok = amqp_queue_declare(state, channel, arena.bytes(spec.name), spec.passive ? 1 : 0, spec.durable ? 1 : 0, spec.exclusive ? 1 : 0, spec.autoDelete ? 1 : 0, arena.table(spec.arguments))
            try session.check(operation: "queue.declare \(spec.name)", channel: channel)
            guard let ok else { return .queue(QueueInfo(name: spec.name, messageCount: 0, consumerCount: 0)) }
            return .queue(QueueInfo(name: ok.pointee.queue.string, messageCount: Int(ok.pointee.message_count), consumerCount: Int(ok.pointee.consumer_count)))
        case .bindQueue(let queue, let exchange, let routingKey):
            amqp_queue_bind(state, channel, arena.bytes(queue), arena.bytes(exchange), arena.bytes(routingKey), amqp_empty_table)
            try session.check(operation: "queue.bind \(queue)", channel: channel)
            return .done
        case .purgeQueue(let queue):
            let ok = amqp_queue_purge(state, channel, arena.bytes(queue))
            try session.check(operation: "queue.purge \(queue)", channel: channel)
            return .count(Int(ok?.pointee.message_count ?? 0))
        case .deleteQueue(let queue):
            let ok = amqp_queue_delete(state, channel, arena.bytes(queue), 0, 0)
            try session.check(operation: "queue.delete \(queue)", channel: channel)
            return .count(Int(ok?.pointee.message_count ?? 0))
        case .deleteExchange(let name):
            amqp_exchange_delete(state, channel, arena.bytes(name), 0)
            try session.check(operation: "exchange.delete \(name)", channel: channel)
            return .done
        }
    }

    /// Sends every message at once (pipelined); each waits for its own confirm.
    func publish(_ messages: [OutgoingMessage], continuation: CheckedContinuation<[AMQPError?], Never>, on session: BrokerSession) throws(AMQPError) {
        let batch = PublishBatch(count: messages.count, continuation: continuation)
        for (index, message) in messages.enumerated() {
            let arena = CArena()
            let sequence = confirms.add(PublishWaiter(batch: batch, index: index))
            var properties = arena.properties(message.properties, extraHeaders: [Self.sequenceHeader: .int(Int64(sequence))])
            let status = amqp_basic_publish(
                session.state, Self.publishChannel, arena.bytes(message.exchange), arena.bytes(message.routingKey),
                message.mandatory ? 1 : 0, 0, &properties, arena.bytes(message.body)
            )
            if status != AMQP_STATUS_OK.rawValue {
                let error = AMQPError.connectionLost("basic.publish: \(BrokerSession.statusText(status))")
                for rest in (index + 1)..<messages.count { batch.settle(rest, error) }
                throw error
            }
        }
    }

    func settle(_ tag: DeliveryTag, _ settlement: Settlement, on session: BrokerSession) throws(AMQPError) {
        // A tag from before a reconnect: the broker has requeued that delivery already.
        guard tag.generation == generation else {
            logger.debug("dropping stale delivery tag", metadata: ["amqp.delivery_tag": "\(tag.value)"])
            return
        }
        let status: Int32
        switch settlement {
        case .ack(let multiple):
            status = amqp_basic_ack(session.state, tag.channel, tag.value, multiple ? 1 : 0)
        case .nack(let multiple, let requeue):
            status = amqp_basic_nack(session.state, tag.channel, tag.value, multiple ? 1 : 0, requeue ? 1 : 0)
        case .reject(let requeue):
            status = amqp_basic_reject(session.state, tag.channel, tag.value, requeue ? 1 : 0)
        }
        if status != AMQP_STATUS_OK.rawValue {
            throw .connectionLost("settle: \(BrokerSession.statusText(status))")
        }
    }
}
