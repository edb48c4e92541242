import Foundation
import Hummingbird

/// Sharing a case with advocates of the organization, and marking a document reviewed, on a
/// server with accounts.
struct SharingController {
    let app: WebApp
    let accounts: AccountService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/cases/:case/shares") { _, context in try await share(context) }
        router.post("/cases/:case/shares/:user/delete") { _, context in try await unshare(context) }
        router.post("/cases/:case/documents/:slot/review") { _, context in try await review(context) }
    }

    /// The case, if the user may manage its sharing: its owner, attorneys and supervisors.
    private func manageable(_ context: AppRequestContext) async throws -> (SignedInUser, CaseRecord) {
        let (record, _) = try await app.loadCase(try context.parameters.require("case"), context)
        guard let user = context.user, WebApp.mayManage(user, record) else {
            throw HTTPError(.forbidden, message: "Only the case's owner, attorneys and supervisors share a case.")
        }
        return (user, record)
    }

    private func share(_ context: AppRequestContext) async throws -> Response {
        let (user, record) = try await manageable(context)
        guard let targetID = try WebApp.form(context).last("user"), let target = try await accounts.store.user(id: targetID),
            target.organizationID == user.user.organizationID, target.role == .advocate, target.active, target.id != record.owner?.userID
        else {
            throw HTTPError(.badRequest, message: "Choose an advocate of your organization to share the case with.")
        }
        try await accounts.store.shareCase(caseID: record.id, withUserID: target.id)
        return WebApp.redirect("/cases/\(record.id)#sharing")
    }

    private func unshare(_ context: AppRequestContext) async throws -> Response {
        let (_, record) = try await manageable(context)
        try await accounts.store.unshareCase(caseID: record.id, withUserID: try context.parameters.require("user"))
        return WebApp.redirect("/cases/\(record.id)#sharing")
    }

    private func review(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        let slotName = try context.parameters.require("slot")
        let (_, data) = try await app.loadCase(id, context)
        guard let slot = DocumentSlot(slotName) else { throw HTTPError(.notFound, message: "This case has no such document.") }
        _ = try app.document(slot, in: data)
        guard let user = context.user, user.reviews else {
            throw HTTPError(.forbidden, message: "Only attorneys and supervisors mark a document reviewed.")
        }
        try await accounts.store.markReviewed(caseID: id, slot: slot.name, userID: user.user.id, at: accounts.now())
        return WebApp.redirect("/cases/\(id)/documents/\(slot.name)?step=999#review")
    }
}

extension WebApp {
    /// Whether `user` may share, rename or delete `record`: its owner, and attorneys and
    /// supervisors. An advocate it is shared with fills it in, and no more.
    static func mayManage(_ user: SignedInUser, _ record: CaseRecord) -> Bool {
        user.reviews || record.owner?.userID == user.user.id
    }

    /// The case page's sharing panel: who the case is shared with, and whom it could be.
    func sharingValues(_ record: CaseRecord, _ context: AppRequestContext) async throws -> [String: Any] {
        guard let accounts, let user = context.user else { return [:] }
        let people = try await accounts.store.users(organizationID: user.user.organizationID)
        let shared = Set(try await accounts.store.shares(caseID: record.id))
        let owner = people.first { $0.id == record.owner?.userID }
        let candidates = people.filter { $0.role == .advocate && $0.active && !shared.contains($0.id) && $0.id != record.owner?.userID }
        return [
            "accounts": true,
            "ownerName": owner?.displayName ?? "",
            "mayShare": WebApp.mayManage(user, record),
            "shares": people.filter { shared.contains($0.id) }.map { ["userID": $0.id, "name": $0.displayName] },
            "hasShares": !shared.isEmpty,
            "candidates": candidates.map { ["userID": $0.id, "name": $0.displayName] },
            "hasCandidates": !candidates.isEmpty,
        ]
    }

    /// The review step's "Reviewed by" line and "Mark reviewed" button.
    func reviewValues(caseID: String, slot: String, _ context: AppRequestContext) async throws -> [String: Any] {
        guard let accounts, let user = context.user else { return [:] }
        var values: [String: Any] = ["accounts": true, "mayReview": user.reviews]
        if let review = try await accounts.store.reviews(caseID: caseID).first(where: { $0.slot == slot }) {
            let reviewer = try await accounts.store.user(id: review.userID)
            values["reviewedBy"] = reviewer?.displayName ?? "a former user"
            values["reviewedOn"] = WebApp.shownTime(review.time)
            values["isReviewed"] = true
        }
        return values
    }
}
