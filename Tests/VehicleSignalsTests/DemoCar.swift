import CANBus
import DBC
import GeniusTestSupport
import VehicleSignals

/// The demo car of can-dbc/demo-ev, and frames built for it with the DBC codec.
enum DemoCar {
    static let manifest = repositoryRoot + "/can-dbc/demo-ev/vehicle.json"

    static func mapping(driveSide: DriveSide? = nil) throws -> VehicleMapping {
        try VehicleDefinition.load(path: manifest, driveSide: driveSide).compile()
    }

    static func store(_ mapping: VehicleMapping, historyInterval: Duration = .seconds(10), historyCapacity: Int = 360) -> SignalStore {
        SignalStore(mapping: mapping, configuration: .init(historyCapacity: historyCapacity, historyInterval: historyInterval, clock: { t0 }))
    }

    /// An arbitrary fixed start time: 2026-01-01T00:00:00Z.
    static let t0 = CANTimestamp(nanoseconds: 1_767_225_600_000_000_000)

    static func at(milliseconds: Int64) -> CANTimestamp {
        CANTimestamp(nanoseconds: t0.nanoseconds + milliseconds * 1_000_000)
    }

    /// A frame of `message` with the given physical values (others 0), a correct checksum when the mapping asks for one.
    static func frame(
        _ mapping: VehicleMapping, _ messageName: String, _ values: [String: Double], raw: [String: UInt64] = [:],
        at time: CANTimestamp = t0, interface: String = "can0", corruptChecksum: Bool = false
    ) -> CANFrame {
        for network in mapping.networks {
            let database = network.codec.database
            guard let index = database.messages.firstIndex(where: { $0.name == messageName }) else { continue }
            let message = database.messages[index]
            var payload = network.codec.encode(message: index) { signalIndex in
                values[message.signals[signalIndex].name]
            }.payload
            // Raw overrides (SNA patterns) go straight into the bits, Intel layout only.
            for (name, bits) in raw {
                let signal = message.signal(named: name)!
                precondition(signal.byteOrder == .littleEndian)
                for bit in 0..<signal.length {
                    let position = signal.startBit + bit
                    let byte = position / 8
                    let mask = UInt8(1) << UInt8(position % 8)
                    if bits >> UInt64(bit) & 1 == 1 { payload[byte] |= mask } else { payload[byte] &= ~mask }
                }
            }
            if let options = network.messageOptions[messageName], let name = options.checksumSignal, let algorithm = options.checksumAlgorithm {
                let byte = message.signal(named: name)!.startBit / 8
                let sum = payload.withUnsafeBytes { algorithm.compute(payload: $0, checksumByte: byte, identifier: message.id.value) }
                payload[byte] = corruptChecksum ? sum &+ 1 : sum
            }
            let kind: CANFrameKind = message.isFD ? .fd(.bitRateSwitch) : .classic
            return CANFrame(id: message.id, kind: kind, data: payload, timestamp: time, interface: interface)
        }
        fatalError("no message \(messageName)")
    }
}
