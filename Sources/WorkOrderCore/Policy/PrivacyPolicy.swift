/// How long owners' personal data stays in the store after an order finishes (IN-05,
/// `workflows/privacy.yaml`).
public struct PrivacyPolicy: Hashable, Sendable {
    /// Days after an order finished before its owner's name and phone are replaced by
    /// masks; nil keeps them.
    public var redactOwnerDataAfterDays: Int?

    public init(redactOwnerDataAfterDays: Int? = nil) {
        self.redactOwnerDataAfterDays = redactOwnerDataAfterDays
    }

    /// The final states of every kind: an order in one of them has finished.
    public static var finalStates: [OrderKind: [String]] {
        Dictionary(uniqueKeysWithValues: OrderKind.allCases.map { ($0, OrderKind.table(for: $0).finals) })
    }
}
