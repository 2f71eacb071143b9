public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotOpen(location: String, reason: String)
    case schemaTooNew(found: Int, supported: Int)
    case corrupt(String)
    /// Another `wo serve` already writes orders to this store.
    case inUse(location: String, holder: String)

    public var description: String {
        switch self {
        case .cannotOpen(let location, let reason): return "cannot open the store at \(location): \(reason)"
        case .schemaTooNew(let found, let supported):
            return "the store's schema is version \(found), newer than this program's \(supported): upgrade wo"
        case .corrupt(let why): return "the store holds unreadable data: \(why)"
        case .inUse(let location, let holder):
            return "another wo serve is already writing to the store at \(location) (\(holder)); one server per store"
        }
    }
}
