import CRabbitMQ
import Glibc

/// Owns the C copies of Swift strings, bytes and tables for the length of one
/// librabbitmq call. librabbitmq keeps pointers, never ownership, so nothing may be
/// freed before the call returns (AMQP-NOTES: temporary C strings).
final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit {
        for pointer in allocations { free(pointer) }
    }

    func bytes(_ string: String) -> amqp_bytes_t {
        bytes(Array(string.utf8))
    }

    func bytes(_ data: [UInt8]) -> amqp_bytes_t {
        guard !data.isEmpty else { return amqp_bytes_t(len: 0, bytes: nil) }
        let pointer = malloc(data.count)!
        allocations.append(pointer)
        data.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: data.count) }
        return amqp_bytes_t(len: data.count, bytes: pointer)
    }

    func cString(_ string: String) -> UnsafePointer<CChar> {
        let pointer = strdup(string)!
        allocations.append(UnsafeMutableRawPointer(pointer))
        return UnsafePointer(pointer)
    }

    func table(_ table: FieldTable) -> amqp_table_t {
        guard !table.isEmpty else { return amqp_empty_table }
        let entries = allocate(amqp_table_entry_t.self, count: table.count)
        for (index, key) in table.keys.sorted().enumerated() {
            entries[index] = amqp_table_entry_t(key: bytes(key), value: field(table[key]!))
        }
        return amqp_table_t(num_entries: Int32(table.count), entries: entries)
    }

    private func field(_ value: FieldValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .string(let s):
            field.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
            field.value.bytes = bytes(s)
        case .bytes(let b):
            field.kind = UInt8(AMQP_FIELD_KIND_BYTES.rawValue)
            field.value.bytes = bytes(b)
        case .bool(let b):
            field.kind = UInt8(AMQP_FIELD_KIND_BOOLEAN.rawValue)
            field.value.boolean = b ? 1 : 0
        case .int(let i):
            field.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
            field.value.i64 = i
        case .double(let d):
            field.kind = UInt8(AMQP_FIELD_KIND_F64.rawValue)
            field.value.f64 = d
        case .timestamp(let t):
            field.kind = UInt8(AMQP_FIELD_KIND_TIMESTAMP.rawValue)
            field.value.u64 = t
        case .table(let t):
            field.kind = UInt8(AMQP_FIELD_KIND_TABLE.rawValue)
            field.value.table = table(t)
        case .array(let items):
            field.kind = UInt8(AMQP_FIELD_KIND_ARRAY.rawValue)
            let entries = allocate(amqp_field_value_t.self, count: max(items.count, 1))
            for (index, item) in items.enumerated() { entries[index] = self.field(item) }
            field.value.array = amqp_array_t(num_entries: Int32(items.count), entries: entries)
        case .void:
            field.kind = UInt8(AMQP_FIELD_KIND_VOID.rawValue)
        }
        return field
    }

    private func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let raw = calloc(count, MemoryLayout<T>.stride)!
        allocations.append(raw)
        return raw.bindMemory(to: T.self, capacity: count)
    }

    /// C basic properties for `properties`, plus the client's own publish sequence header.
    func properties(_ properties: MessageProperties, extraHeaders: FieldTable = [:]) -> amqp_basic_properties_t {
        var p = amqp_basic_properties_t()
        var flags: amqp_flags_t = WO_BASIC_DELIVERY_MODE_FLAG
        p.delivery_mode = properties.persistent ? 2 : 1
        if let v = properties.contentType { flags |= WO_BASIC_CONTENT_TYPE_FLAG; p.content_type = bytes(v) }
        if let v = properties.messageID { flags |= WO_BASIC_MESSAGE_ID_FLAG; p.message_id = bytes(v) }
        if let v = properties.correlationID { flags |= WO_BASIC_CORRELATION_ID_FLAG; p.correlation_id = bytes(v) }
        if let v = properties.replyTo { flags |= WO_BASIC_REPLY_TO_FLAG; p.reply_to = bytes(v) }
        if let v = properties.type { flags |= WO_BASIC_TYPE_FLAG; p.type = bytes(v) }
        if let v = properties.appID { flags |= WO_BASIC_APP_ID_FLAG; p.app_id = bytes(v) }
        if let v = properties.userID { flags |= WO_BASIC_USER_ID_FLAG; p.user_id = bytes(v) }
        if let v = properties.expiration { flags |= WO_BASIC_EXPIRATION_FLAG; p.expiration = bytes(v) }
        if let v = properties.timestamp { flags |= WO_BASIC_TIMESTAMP_FLAG; p.timestamp = v }
        let headers = properties.headers.merging(extraHeaders) { _, extra in extra }
        if !headers.isEmpty { flags |= WO_BASIC_HEADERS_FLAG; p.headers = table(headers) }
        p._flags = flags
        return p
    }
}

// MARK: - Reading C values (copies; the C memory belongs to librabbitmq's pools)

extension amqp_bytes_t {
    var array: [UInt8] {
        guard len > 0, let bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: len))
    }

    var string: String { String(decoding: array, as: UTF8.self) }

    /// The text, or nil when the bytes are not UTF-8 (lossy decoding would make two
    /// different ids one).
    var validString: String? { String(validating: array, as: UTF8.self) }
}

extension amqp_table_t {
    var swiftTable: FieldTable {
        var result: FieldTable = [:]
        for index in 0..<Int(num_entries) {
            let entry = entries[index]
            result[entry.key.string] = entry.value.swiftValue
        }
        return result
    }
}

extension amqp_field_value_t {
    var swiftValue: FieldValue {
        switch UInt32(kind) {
        case AMQP_FIELD_KIND_UTF8.rawValue: return .string(value.bytes.string)
        case AMQP_FIELD_KIND_BYTES.rawValue: return .bytes(value.bytes.array)
        case AMQP_FIELD_KIND_BOOLEAN.rawValue: return .bool(value.boolean != 0)
        case AMQP_FIELD_KIND_I8.rawValue: return .int(Int64(value.i8))
        case AMQP_FIELD_KIND_U8.rawValue: return .int(Int64(value.u8))
        case AMQP_FIELD_KIND_I16.rawValue: return .int(Int64(value.i16))
        case AMQP_FIELD_KIND_U16.rawValue: return .int(Int64(value.u16))
        case AMQP_FIELD_KIND_I32.rawValue: return .int(Int64(value.i32))
        case AMQP_FIELD_KIND_U32.rawValue: return .int(Int64(value.u32))
        case AMQP_FIELD_KIND_I64.rawValue: return .int(value.i64)
        case AMQP_FIELD_KIND_U64.rawValue: return .int(Int64(truncatingIfNeeded: value.u64))
        case AMQP_FIELD_KIND_F32.rawValue: return .double(Double(value.f32))
        case AMQP_FIELD_KIND_F64.rawValue: return .double(value.f64)
        case AMQP_FIELD_KIND_TIMESTAMP.rawValue: return .timestamp(value.u64)
        case AMQP_FIELD_KIND_TABLE.rawValue: return .table(value.table.swiftTable)
        case AMQP_FIELD_KIND_ARRAY.rawValue:
            let array = value.array
            return .array((0..<Int(array.num_entries)).map { array.entries[$0].swiftValue })
        default: return .void
        }
    }
}

extension amqp_basic_properties_t {
    var swiftProperties: MessageProperties {
        func has(_ flag: amqp_flags_t) -> Bool { _flags & flag != 0 }
        var malformed: [String] = []
        for (flag, name, bytes) in [
            (WO_BASIC_MESSAGE_ID_FLAG, "message_id", message_id), (WO_BASIC_CORRELATION_ID_FLAG, "correlation_id", correlation_id),
            (WO_BASIC_REPLY_TO_FLAG, "reply_to", reply_to), (WO_BASIC_USER_ID_FLAG, "user_id", user_id),
        ] where has(flag) && bytes.validString == nil {
            malformed.append(name)
        }
        var properties = MessageProperties(
            contentType: has(WO_BASIC_CONTENT_TYPE_FLAG) ? content_type.string : nil,
            persistent: has(WO_BASIC_DELIVERY_MODE_FLAG) && delivery_mode == 2,
            messageID: has(WO_BASIC_MESSAGE_ID_FLAG) ? message_id.string : nil,
            correlationID: has(WO_BASIC_CORRELATION_ID_FLAG) ? correlation_id.string : nil,
            replyTo: has(WO_BASIC_REPLY_TO_FLAG) ? reply_to.string : nil,
            type: has(WO_BASIC_TYPE_FLAG) ? type.string : nil,
            appID: has(WO_BASIC_APP_ID_FLAG) ? app_id.string : nil,
            userID: has(WO_BASIC_USER_ID_FLAG) ? user_id.string : nil,
            timestamp: has(WO_BASIC_TIMESTAMP_FLAG) ? timestamp : nil,
            expiration: has(WO_BASIC_EXPIRATION_FLAG) ? expiration.string : nil,
            headers: has(WO_BASIC_HEADERS_FLAG) ? headers.swiftTable : [:]
        )
        properties.malformed = malformed
        return properties
    }
}
