import ArgumentParser

@main
struct GeniusCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geniusctl",
        abstract: "Talk to Car Genius, and work with CAN logs and DBC files.",
        subcommands: [
            DecodeCommand.self,
            AskCommand.self,
            SimulateCommand.self,
            RecordCommand.self,
            ReplayCommand.self,
            ChatCommand.self,
            SignalsCommand.self,
            BusCommand.self,
            MapCommand.self,
                // SUBCOMMANDS: add yours above this line, one per line.
        ]
    )
}
