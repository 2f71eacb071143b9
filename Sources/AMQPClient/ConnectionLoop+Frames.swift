import CRabbitMQ

extension ConnectionLoop {
    /// Reads and handles one frame if one is ready; false when none is.
    func readFrame(on session: BrokerSession) throws(AMQPError) -> Bool {
        var frame = amqp_frame_t()
        let status = wo_amqp_poll_frame(session.state, &frame)
        if status == AMQP_STATUS_TIMEOUT.rawValue { return false }
        guard status == AMQP_STATUS_OK.rawValue else {
            throw .connectionLost(BrokerSession.statusText(status))
        }
        guard frame.frame_type == WO_FRAME_METHOD else { return true }
        let channel = frame.channel
        let decoded = frame.payload.method.decoded
        switch frame.payload.method.id {
        case WO_BASIC_DELIVER_METHOD:
            let deliver = decoded!.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
            let tag = deliver.consumer_tag.string
            let exchange = deliver.exchange.string
            let routingKey = deliver.routing_key.string
            let (body, properties) = try readContent(channel: channel, on: session)
            let deliveryTag = DeliveryTag(value: deliver.delivery_tag, channel: channel, generation: generation)
            // By index, in place: a copy of the consumer's state held across the append
            // would make every append copy the whole pending batch.
            if let index = consumers.index(forKey: tag) {
                let delivery = Delivery(
                    body: body, properties: properties, exchange: exchange, routingKey: routingKey,
                    redelivered: deliver.redelivered != 0, tag: deliveryTag
                )
                let verdict = consumers.values[index].decide?(delivery) ?? .passOn
                if case .passOn = verdict {
                    consumers.values[index].pending.append(delivery)
                } else if let settlement = verdict.settlement {
                    try settle(deliveryTag, settlement, on: session)
                }
            } else {
                // Arrived after a cancel: hand it back to the queue.
                try settle(deliveryTag, .reject(requeue: true), on: session)
            }
        case WO_BASIC_ACK_METHOD:
            let ack = decoded!.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            for (waiter, error) in confirms.settle(upTo: ack.delivery_tag, multiple: ack.multiple != 0, nacked: false) {
                waiter.settle(error)
            }
        case WO_BASIC_NACK_METHOD:
            let nack = decoded!.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            for (waiter, error) in confirms.settle(upTo: nack.delivery_tag, multiple: nack.multiple != 0, nacked: true) {
                waiter.settle(error)
            }
        case WO_BASIC_RETURN_METHOD:
            let ret = decoded!.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            let error = AMQPError.unroutable(
                exchange: ret.exchange.string, routingKey: ret.routing_key.string,
                replyCode: Int(ret.reply_code), replyText: ret.reply_text.string
            )
            let (_, properties) = try readContent(channel: channel, on: session)
            if let sequence = properties.headers[Self.sequenceHeader]?.intValue {
                confirms.markReturned(UInt64(sequence), error: error)
            }
        case WO_BASIC_CANCEL_METHOD:
            let cancel = decoded!.assumingMemoryBound(to: amqp_basic_cancel_t.self).pointee
            if var consumer = consumers.removeValue(forKey: cancel.consumer_tag.string) {
                consumer.finish(throwing: AMQPError.consumerCancelled(queue: consumer.queue))
            }
        case WO_CHANNEL_CLOSE_METHOD:
            let close = decoded!.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let error = AMQPError.channelClosed(replyCode: Int(close.reply_code), replyText: close.reply_text.string)
            session.sendChannelCloseOK(channel)
            try channelWasClosed(channel, error: error, on: session)
        case WO_CONNECTION_CLOSE_METHOD:
            let close = decoded!.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            session.sendConnectionCloseOK()
            throw .connectionClosed(replyCode: Int(close.reply_code), replyText: close.reply_text.string)
        case WO_CONNECTION_BLOCKED_METHOD:
            logger.warning("the broker blocked publishing (resource alarm)")
        case WO_CONNECTION_UNBLOCKED_METHOD:
            logger.info("the broker unblocked publishing")
        default:
            break
        }
        return true
    }

    /// After basic.deliver or basic.return: the content header and body frames.
    private func readContent(channel: UInt16, on session: BrokerSession) throws(AMQPError) -> ([UInt8], MessageProperties) {
        var message = amqp_message_t()
        let reply = amqp_read_message(session.state, channel, &message, 0)
        guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
            throw .connectionLost("reading message: \(BrokerSession.statusText(reply.library_error))")
        }
        defer { amqp_destroy_message(&message) }
        return (message.body.array, message.properties.swiftProperties)
    }

    private func channelWasClosed(_ channel: UInt16, error: AMQPError, on session: BrokerSession) throws(AMQPError) {
        logger.warning("the broker closed a channel", metadata: ["amqp.channel": "\(channel)", "amqp.error": "\(error)"])
        if channel == Self.publishChannel {
            for waiter in confirms.reset() { waiter.settle(error) }
            try session.openChannel(channel, confirms: true)
        } else if channel == Self.rpcChannel {
            try session.openChannel(channel)
        } else if let tag = consumers.first(where: { $0.value.channel == channel })?.key {
            var consumer = consumers.removeValue(forKey: tag)
            consumer?.finish(throwing: error)
        }
    }
}
