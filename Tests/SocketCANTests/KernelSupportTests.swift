import CANBus
import SocketCAN
import Testing

/// Runs everywhere: on a kernel without CAN (these machines) the adapter says so plainly; inside the
/// VM the same call opens a socket.
@Suite struct KernelSupportTests {
    @Test func openingASocketTellsWhetherTheKernelHasCAN() throws {
        if CANTestEnvironment.enabled {
            let socket = try CANSocket(interface: "vcan0")
            #expect(socket.descriptor >= 0 && socket.interface == "vcan0" && socket.fdEnabled)
            #expect(throws: SocketCANError.noSuchInterface("nocan9")) { _ = try CANSocket(interface: "nocan9") }
        } else {
            #expect(throws: SocketCANError.canUnsupported) { _ = try CANSocket(interface: "vcan0") }
            #expect(throws: SocketCANError.canUnsupported) {
                _ = try SocketCANSource(SocketCANConfiguration(interfaces: ["vcan0"]))
            }
        }
    }

    @Test func errorsSayWhatAndWhere() {
        #expect(SocketCANError.systemCall("recvmmsg", interface: "can1", errno: 100).description == "recvmmsg failed on can1: ENETDOWN (errno 100)")
        #expect(SocketCANError.fdNotSupported(interface: "vcan1").description.contains("ip link set vcan1 mtu 72"))
        #expect(SocketCANError.noSuchInterface("can9").description.contains("can9"))
    }
}
