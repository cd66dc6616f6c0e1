#if canImport(Glibc)
    import Glibc

    /// A small line editor for a terminal: ←/→, Home/End (Ctrl-A/E), Backspace/Delete, Ctrl-U/K/W,
    /// ↑/↓ through the history, Ctrl-D on an empty line or Ctrl-C ends the input.
    /// UTF-8 aware, with double-width CJK characters (German and Chinese questions edit correctly).
    struct LineEditor {
        private(set) var history: [String] = []
        /// The input ended with Ctrl-C rather than Ctrl-D.
        private(set) var interrupted = false
        let maximumHistory = 500

        /// Reads one line with `prompt` shown; `nil` at the end of the input (Ctrl-D on an empty line).
        /// Falls back to a plain read when the terminal cannot be put in raw mode.
        mutating func readLine(prompt: String) -> String? {
            var saved = termios()
            guard tcgetattr(0, &saved) == 0 else {
                writeOut(prompt)
                return Swift.readLine()
            }
            var raw = saved
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
            raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(0, TCSADRAIN, &raw)  // not TCSAFLUSH: keep what was typed ahead
            defer { tcsetattr(0, TCSADRAIN, &saved) }

            var line: [Character] = []
            var cursor = 0
            var historyIndex = history.count
            var draft: [Character] = []

            func redraw() {
                var out = "\r\u{1B}[K" + prompt + String(line)
                let back = displayWidth(Array(line[cursor...]))
                if back > 0 { out += "\u{1B}[\(back)D" }
                writeOut(out)
            }
            writeOut(prompt)
            var pending: [UInt8] = []
            while true {
                guard let byte = readByte() else {
                    writeOut("\r\n")
                    return line.isEmpty ? nil : String(line)
                }
                switch byte {
                case 0x0D, 0x0A:  // Enter
                    writeOut("\r\n")
                    let text = String(line)
                    remember(text)
                    return text
                case 0x04:  // Ctrl-D
                    if line.isEmpty {
                        writeOut("\r\n")
                        return nil
                    }
                    if cursor < line.count { line.remove(at: cursor) }
                case 0x03:  // Ctrl-C: as SIGINT would, end the input
                    writeOut("^C\r\n")
                    interrupted = true
                    return nil
                case 0x7F, 0x08:  // Backspace
                    if cursor > 0 {
                        cursor -= 1
                        line.remove(at: cursor)
                    }
                case 0x01: cursor = 0  // Ctrl-A
                case 0x05: cursor = line.count  // Ctrl-E
                case 0x02: cursor = max(0, cursor - 1)  // Ctrl-B
                case 0x06: cursor = min(line.count, cursor + 1)  // Ctrl-F
                case 0x15:  // Ctrl-U
                    line.removeSubrange(0..<cursor)
                    cursor = 0
                case 0x0B: line.removeSubrange(cursor...)  // Ctrl-K
                case 0x17:  // Ctrl-W: the word before the cursor
                    var start = cursor
                    while start > 0, line[start - 1] == " " { start -= 1 }
                    while start > 0, line[start - 1] != " " { start -= 1 }
                    line.removeSubrange(start..<cursor)
                    cursor = start
                case 0x0C:  // Ctrl-L
                    writeOut("\u{1B}[H\u{1B}[2J")
                case 0x1B:  // an escape sequence: arrows, Home/End, Delete
                    guard let next = readByte() else { continue }
                    var final = next
                    var parameter: [UInt8] = []
                    if next == UInt8(ascii: "[") || next == UInt8(ascii: "O") {
                        while let b = readByte() {
                            if (0x40...0x7E).contains(b) {
                                final = b
                                break
                            }
                            parameter.append(b)
                        }
                    }
                    switch (final, parameter) {
                    case (UInt8(ascii: "D"), _): cursor = max(0, cursor - 1)
                    case (UInt8(ascii: "C"), _): cursor = min(line.count, cursor + 1)
                    case (UInt8(ascii: "H"), _), (UInt8(ascii: "~"), [UInt8(ascii: "1")]), (UInt8(ascii: "~"), [UInt8(ascii: "7")]):
                        cursor = 0
                    case (UInt8(ascii: "F"), _), (UInt8(ascii: "~"), [UInt8(ascii: "4")]), (UInt8(ascii: "~"), [UInt8(ascii: "8")]):
                        cursor = line.count
                    case (UInt8(ascii: "~"), [UInt8(ascii: "3")]):
                        if cursor < line.count { line.remove(at: cursor) }
                    case (UInt8(ascii: "A"), _):
                        if historyIndex > 0 {
                            if historyIndex == history.count { draft = line }
                            historyIndex -= 1
                            line = Array(history[historyIndex])
                            cursor = line.count
                        }
                    case (UInt8(ascii: "B"), _):
                        if historyIndex < history.count {
                            historyIndex += 1
                            line = historyIndex == history.count ? draft : Array(history[historyIndex])
                            cursor = line.count
                        }
                    default: break
                    }
                default:
                    guard byte >= 0x20 else { continue }
                    pending.append(byte)
                    // Wait for the rest of a UTF-8 sequence.
                    let expected = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                    while pending.count < expected, let more = readByte() { pending.append(more) }
                    let text = String(decoding: pending, as: UTF8.self)
                    pending = []
                    for character in text {
                        line.insert(character, at: cursor)
                        cursor += 1
                    }
                }
                redraw()
            }
        }

        private mutating func remember(_ text: String) {
            guard !text.allSatisfy(\.isWhitespace), history.last != text else { return }
            history.append(text)
            if history.count > maximumHistory { history.removeFirst() }
        }

        private func readByte() -> UInt8? {
            var byte: UInt8 = 0
            while true {
                let n = read(0, &byte, 1)
                if n == 1 { return byte }
                if n < 0, errno == EINTR { continue }
                return nil
            }
        }

        /// The editor draws on standard error, so answers on standard output can go to a file or a pipe.
        private func writeOut(_ text: String) {
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { raw in write(2, raw.baseAddress! + offset, raw.count - offset) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }

        /// Terminal columns: 2 for East Asian wide characters, 0 for combining marks, else 1.
        private func displayWidth(_ characters: [Character]) -> Int {
            characters.reduce(0) { total, character in
                guard let scalar = character.unicodeScalars.first else { return total }
                let value = scalar.value
                let wide =
                    (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                    || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                    || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                    || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value)
                    || (0x20000...0x3FFFD).contains(value)
                return total + (wide ? 2 : 1)
            }
        }
    }
#endif
