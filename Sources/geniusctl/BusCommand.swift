import ArgumentParser
import JSON
import Varlink

/// `geniusctl bus`: the state of every frame source the daemon reads (io.cargenius.Bus.Status).
struct BusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus",
        abstract: "The vehicle buses the daemon reads: state, frames/s, drops, error counters."
    )

    @OptionGroup var daemon: DaemonOptions

    @Flag(name: .long, help: "The reply as one JSON object: {\"interfaces\": [...]}.")
    var json = false

    func run() async throws {
        let connection = try DaemonConnection.open(daemon.resolvedAddress, command: "geniusctl bus")
        let reply = try await connection.call("io.cargenius.Bus.Status")
        await connection.close()
        if json {
            standardOutput(JSONValue.object(reply).jsonText + "\n")
            return
        }
        func number(_ value: JSONValue?) -> String {
            guard let value, !value.isNull else { return "-" }
            return displayValue(value)
        }
        var rows = [["INTERFACE", "KIND", "STATE", "BITRATE", "FRAMES/S", "FRAMES", "DROPS", "RX-ERR", "TX-ERR", "BUS-OFF"]]
        for interface in reply["interfaces"]?.array ?? [] {
            var rate = interface["framesPerSecond"]?.number ?? 0
            rate = (rate * 10).rounded() / 10
            rows.append([
                interface["name"]?.string ?? "?", interface["kind"]?.string ?? "",
                interface["state"]?.string ?? "", number(interface["bitrate"]), "\(rate)",
                number(interface["frames"]), number(interface["drops"]), number(interface["rxErrors"]),
                number(interface["txErrors"]), number(interface["busOffCount"]),
            ])
        }
        standardOutput(table(rows))
    }
}
