import Testing
import WorkOrderCore
import WorkOrderWorkers

/// IN-05: `wo dead-letters show` masks owners' phone numbers like every other view.
@Suite struct DeadLetterMaskTests {
    @Test func IN_05_phonesInAJSONBodyAreMasked() {
        let body = #"{"kind":"repair","owner":{"name":"张三","phone":"13812345678"},"fields":{"appointment_at":1795400000000}}"#
        let masked = PhoneMask.maskedBody(body)
        #expect(!masked.contains("13812345678"))
        #expect(masked.contains("138****5678"))
        #expect(masked.contains("1795400000000"), "other numbers stay")
        #expect(masked.contains("张三"))
    }

    @Test func IN_05_mobileNumbersInABodyThatIsNotJSONAreMasked() {
        let masked = PhoneMask.maskedBody("call 13812345678 about order 12345, not json {")
        #expect(masked == "call 138****5678 about order 12345, not json {")
    }
}
