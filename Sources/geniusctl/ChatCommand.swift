import ArgumentParser
import CarGenius
import Speech

/// `geniusctl chat`: a conversation with the daemon's assistant, one session for all of it.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat with Car Genius and Travel Companion through the daemon (one conversation).",
        discussion: """
            On a terminal: a prompt with line editing and history (arrows, Ctrl-A/E/U/K/W); Ctrl-D or \
            `exit` ends it (Ctrl-C too, with status 130). Otherwise reads one question per line from standard input and prints one answer \
            per line, until the end of the input or a line `exit`.
            """
    )

    @OptionGroup var daemon: DaemonOptions

    @Option(name: .long, help: "en-US, en-GB, de-DE or zh-CN.")
    var locale: String = "en-US"

    @Flag(name: .long, help: "One JSON object per answer: text, intent, locale, values, agent.")
    var json = false

    func run() async throws {
        let genius = try GeniusLocale.parsingOption(locale)
        let connection = try DaemonConnection.open(daemon.resolvedAddress, command: "geniusctl chat")
        let assistant = DaemonAssistant(connection: connection, locale: genius.rawValue)
        #if canImport(Glibc)
            let interactive = isTerminal(0)
            var editor = LineEditor()
        #else
            let interactive = false
        #endif
        while true {
            let line: String?
            #if canImport(Glibc)
                line = interactive ? editor.readLine(prompt: "you> ") : readLine()
            #else
                line = readLine()
            #endif
            guard let line else { break }
            let question = line.trimmingWhitespace
            if question.isEmpty { continue }
            if question == "exit" || question == "quit" { break }
            let answer = try await assistant.ask(question, json: json)
            standardOutput((interactive && !json ? "genius> " : "") + answer + "\n")
        }
        await connection.close()
        #if canImport(Glibc)
            if editor.interrupted { throw ExitCode(130) }
        #endif
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line ends.
    var trimmingWhitespace: String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(characters[first...last])
    }
}
