import Foundation
import Testing
@testable import WorkOrderStore

/// `OrderStores.removeScratch`: what benchmarks use to leave nothing behind.
@Suite("Store: removing a scratch store")
struct ScratchStoreTests {
    @Test(arguments: StoreKind.allCases)
    func removedStoreCannotBeOpenedAgain(kind: StoreKind) async throws {
        let test = try await TestStore.make(kind)
        try await test.store.close()
        // Still there before the removal: the check below is not vacuous.
        try await OrderStores.open(test.location, readOnly: true, logger: testLogger).close()
        try await OrderStores.removeScratch(test.location, logger: testLogger)
        await #expect(throws: (any Error).self) {
            try await OrderStores.open(test.location, readOnly: true, logger: testLogger).close()
        }
        if kind == .sqlite { #expect(!FileManager.default.fileExists(atPath: test.location)) }
        await test.discard()
    }

    @Test func aPostgresURLWithoutItsOwnSchemaIsRefused() async throws {
        for location in [testPostgresURL.components(separatedBy: "?")[0], testPostgresURL.components(separatedBy: "?")[0] + "?schema=public"] {
            await #expect(throws: StoreError.self, "\(location)") {
                try await OrderStores.removeScratch(location, logger: testLogger)
            }
        }
    }
}
