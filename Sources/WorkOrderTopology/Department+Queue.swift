import WorkOrderCore

extension Department {
    /// The department's name in queue names: `wo.dispatch.customer-service`.
    public var queueName: String { rawValue.replacingOccurrences(of: "_", with: "-") }

    public init?(queueName: String) {
        self.init(rawValue: queueName.replacingOccurrences(of: "-", with: "_"))
    }
}
