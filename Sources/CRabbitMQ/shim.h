#ifndef WO_CRABBITMQ_SHIM_H
#define WO_CRABBITMQ_SHIM_H

// librabbitmq 0.11 (Debian librabbitmq-dev): flat headers.
#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>
#include <poll.h>
#include <sys/time.h>
#include <sys/eventfd.h>
#include <unistd.h>

// amqp_login_with_properties is variadic; Swift cannot call it. SASL PLAIN only.
static inline amqp_rpc_reply_t wo_amqp_login_plain(amqp_connection_state_t state,
                                                   const char *vhost, int channel_max,
                                                   int frame_max, int heartbeat,
                                                   const amqp_table_t *client_properties,
                                                   const char *user, const char *password) {
    return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat,
                                      client_properties, AMQP_SASL_METHOD_PLAIN, user, password);
}

// A zero timeout for amqp_simple_wait_frame_noblock: poll once, never block.
static inline int wo_amqp_poll_frame(amqp_connection_state_t state, amqp_frame_t *frame) {
    struct timeval zero = {0, 0};
    return amqp_simple_wait_frame_noblock(state, frame, &zero);
}

// Waits up to timeout_usec for one frame.
static inline int wo_amqp_wait_frame(amqp_connection_state_t state, amqp_frame_t *frame, long timeout_usec) {
    struct timeval tv = {timeout_usec / 1000000, timeout_usec % 1000000};
    return amqp_simple_wait_frame_noblock(state, frame, &tv);
}

// Constants whose C macros carry casts Swift does not import.
static const amqp_method_number_t WO_BASIC_DELIVER_METHOD = AMQP_BASIC_DELIVER_METHOD;
static const amqp_method_number_t WO_BASIC_ACK_METHOD = AMQP_BASIC_ACK_METHOD;
static const amqp_method_number_t WO_BASIC_NACK_METHOD = AMQP_BASIC_NACK_METHOD;
static const amqp_method_number_t WO_BASIC_RETURN_METHOD = AMQP_BASIC_RETURN_METHOD;
static const amqp_method_number_t WO_BASIC_CANCEL_METHOD = AMQP_BASIC_CANCEL_METHOD;
static const amqp_method_number_t WO_CHANNEL_CLOSE_METHOD = AMQP_CHANNEL_CLOSE_METHOD;
static const amqp_method_number_t WO_CHANNEL_CLOSE_OK_METHOD = AMQP_CHANNEL_CLOSE_OK_METHOD;
static const amqp_method_number_t WO_CONNECTION_CLOSE_METHOD = AMQP_CONNECTION_CLOSE_METHOD;
static const amqp_method_number_t WO_CONNECTION_CLOSE_OK_METHOD = AMQP_CONNECTION_CLOSE_OK_METHOD;
static const amqp_method_number_t WO_CONNECTION_BLOCKED_METHOD = AMQP_CONNECTION_BLOCKED_METHOD;
static const amqp_method_number_t WO_CONNECTION_UNBLOCKED_METHOD = AMQP_CONNECTION_UNBLOCKED_METHOD;
static const amqp_flags_t WO_BASIC_CONTENT_TYPE_FLAG = AMQP_BASIC_CONTENT_TYPE_FLAG;
static const amqp_flags_t WO_BASIC_HEADERS_FLAG = AMQP_BASIC_HEADERS_FLAG;
static const amqp_flags_t WO_BASIC_DELIVERY_MODE_FLAG = AMQP_BASIC_DELIVERY_MODE_FLAG;
static const amqp_flags_t WO_BASIC_CORRELATION_ID_FLAG = AMQP_BASIC_CORRELATION_ID_FLAG;
static const amqp_flags_t WO_BASIC_REPLY_TO_FLAG = AMQP_BASIC_REPLY_TO_FLAG;
static const amqp_flags_t WO_BASIC_EXPIRATION_FLAG = AMQP_BASIC_EXPIRATION_FLAG;
static const amqp_flags_t WO_BASIC_MESSAGE_ID_FLAG = AMQP_BASIC_MESSAGE_ID_FLAG;
static const amqp_flags_t WO_BASIC_TIMESTAMP_FLAG = AMQP_BASIC_TIMESTAMP_FLAG;
static const amqp_flags_t WO_BASIC_TYPE_FLAG = AMQP_BASIC_TYPE_FLAG;
static const amqp_flags_t WO_BASIC_APP_ID_FLAG = AMQP_BASIC_APP_ID_FLAG;
static const amqp_flags_t WO_BASIC_USER_ID_FLAG = AMQP_BASIC_USER_ID_FLAG;
static const uint8_t WO_FRAME_METHOD = AMQP_FRAME_METHOD;

#endif
