/// Who may call the API: root, the daemon's own user, and members of the configured group.
///
/// Membership counts the peer's primary group (from `SO_PEERCRED`) and its user's supplementary groups
/// (looked up in the user database, as `getgrouplist` does), so adding a user to the group is enough.
public struct AccessPolicy: Sendable {
    public let ownUserID: UInt32
    /// The allowed group's id; `nil` when no group is configured or it does not exist.
    public let groupID: UInt32?
    private let groupsOfUser: @Sendable (UInt32) -> [UInt32]

    public init(ownUserID: UInt32, groupID: UInt32?, groupsOfUser: @escaping @Sendable (UInt32) -> [UInt32]) {
        self.ownUserID = ownUserID
        self.groupID = groupID
        self.groupsOfUser = groupsOfUser
    }

    /// Whether a peer with user `uid` and primary group `gid` may call.
    public func allows(uid: UInt32, gid: UInt32) -> Bool {
        if uid == 0 || uid == ownUserID { return true }
        guard let groupID else { return false }
        return gid == groupID || groupsOfUser(uid).contains(groupID)
    }
}
