extension ComplaintOrder: OrderMachine {
    var stateName: String { state.name }
    var ownerReplied: Bool { state.file.reply != nil }

    static func timerEvent(_ purpose: TimerPurpose) -> ComplaintEvent {
        CallbackEvent(timer: purpose).map { .callback($0) } ?? .timer(purpose)
    }
}
