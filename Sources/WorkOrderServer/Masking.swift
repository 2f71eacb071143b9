/// IN-05: owners' personal data stays out of logs.
public enum Masking {
    /// "13812345678" → "138****5678"; short numbers keep only their last two digits.
    public static func phone(_ phone: String) -> String {
        let digits = Array(phone)
        guard digits.count >= 7 else { return String(repeating: "*", count: max(0, digits.count - 2)) + String(digits.suffix(2)) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + String(digits.suffix(4))
    }

    /// "张三丰" → "张**".
    public static func name(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(name.count - 1, 1))
    }
}
