import FoundationEssentials

/// Why a file cannot be read, in words for a person: `no such file`, `is a directory`, `permission denied`,
/// or `cannot read it`, never Foundation's error structure (`CocoaError(code: ... 260, userInfo: ...)`).
/// Shared by every loader of the vehicle's files (DBC, mappings, manifests, scenarios).
public func fileReadProblem(_ path: String) -> String {
    var isDirectory = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
    if isDirectory { return "is a directory" }
    return FileManager.default.isReadableFile(atPath: path) ? "cannot read it" : "permission denied"
}
