public import FoundationEssentials

/// What an atomic save leaves behind when the process dies in the middle of it.
///
/// `Data.write(options: .atomic)` writes a temporary file next to its target, named
/// `.dat.nosync<writer's process id in hex>.<random>`, and renames it over the target. A `kill -9` or a
/// power cut between the two leaves the temporary file, and nothing else ever removes it: a car that
/// loses power daily would fill its state folder (issue 16 found 90 after 100 kills).
public enum InterruptedSaves {
    /// The prefix of an atomic write's temporary file.
    public static let prefix = ".dat.nosync"

    /// Removes the temporary files of interrupted atomic writes in the directory of `path`: those whose
    /// writer is no longer running (its process id, from the name, has no `/proc` entry). Files of a
    /// running writer, of this process, and every file when `/proc` is not mounted are left alone.
    /// Returns the names removed.
    @discardableResult
    public static func removeOrphans(nextTo path: String) -> [String] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: "/proc/self") else { return [] }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        let directory = parts.isEmpty ? "." : (parts.joined(separator: "/").isEmpty ? "/" : parts.joined(separator: "/"))
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
        let own = ProcessInfo.processInfo.processIdentifier
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) {
            let hex = name.dropFirst(prefix.count).prefix { $0 != "." }
            guard let writer = Int32(hex, radix: 16), writer > 0, writer != own else { continue }
            if manager.fileExists(atPath: "/proc/\(writer)") { continue }  // still running: its save may complete
            do {
                try manager.removeItem(atPath: directory + "/" + name)
                removed.append(name)
            } catch {
                continue  // not ours to remove (permissions): the next start tries again
            }
        }
        return removed
    }
}
