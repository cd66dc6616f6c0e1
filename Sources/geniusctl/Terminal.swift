import SystemPackage

/// Writes text to standard output unbuffered, so a pipe reader sees each batch at once.
func standardOutput(_ text: String) {
    guard !text.isEmpty else { return }
    _ = try? FileDescriptor.standardOutput.writeAll(text.utf8)
}

/// Writes a line to standard error.
func standardError(_ line: String) {
    _ = try? FileDescriptor.standardError.writeAll((line + "\n").utf8)
}

/// Reads a whole file (regular file, pipe or device) through its descriptor.
func readWholeFile(_ path: String) throws(Errno) -> [UInt8] {
    let descriptor: FileDescriptor
    do {
        descriptor = try FileDescriptor.open(FilePath(path), .readOnly)
    } catch {
        throw error as? Errno ?? .ioError
    }
    defer { try? descriptor.close() }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count: Int
        do {
            count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0, retryOnInterrupt: true) }
        } catch {
            throw error as? Errno ?? .ioError
        }
        if count == 0 { return bytes }
        bytes.append(contentsOf: chunk[0..<count])
    }
}
