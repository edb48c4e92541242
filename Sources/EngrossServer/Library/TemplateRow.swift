import Foundation

/// One row of the administrators' Templates page: a template or packet, where it stands, and what
/// to do about it, in words.
struct TemplateRow {
    let snapshot: TemplateCatalog.Snapshot
    let standing: TemplateCatalog.Standing

    /// The status, and what the administrator should do, if anything.
    var status: (label: String, advice: String) {
        let sound = snapshot.errors.isEmpty
        switch standing {
        case .inUse:
            return sound
                ? ("In use", "")
                : ("In use: errors on disk", "Its file is unchanged, but a file it uses has changed and now has errors; the server keeps using the versions it loaded. Fix them before restarting, or a restart leaves this out.")
        case .leftOut:
            return sound
                ? ("Left out at start", "It had problems when the server started and is sound now: restart every server process to put it into use.")
                : ("Left out: has errors", "Fix the errors below (engross lint \(snapshot.id) shows them too), then restart every server process.")
        case .changed:
            return sound
                ? ("Changed since start", "The file on disk is newer than the version in use and has no errors: restart every server process to use it.")
                : ("Changed since start: has errors", "The file on disk has errors; the server keeps using the version it loaded. Fix them before restarting, or a restart leaves it out.")
        case .added:
            return sound
                ? ("New since start", "Added to the folder after the server started; it has no errors: restart every server process to offer it.")
                : ("New since start: has errors", "Added to the folder after the server started, with errors: fix them before restarting.")
        case .removed:
            return ("Removed since start", "The file is gone from the folder; the server uses the version it loaded until it restarts.")
        }
    }

    /// Whether the row calls for the administrator (anything but a sound template in use).
    var needsAttention: Bool { standing != .inUse || !snapshot.errors.isEmpty }

    /// Whether the legal content is due for review (lint's warning).
    var reviewDue: Bool { !snapshot.warnings.isEmpty }

    /// What the page's template reads.
    var values: [String: Any] {
        let status = self.status
        return [
            "id": snapshot.id,
            "title": snapshot.title ?? "",
            "hasTitle": snapshot.title != nil,
            "kind": snapshot.kind ?? "",
            "version": snapshot.version ?? "",
            "reviewed": snapshot.reviewed ?? "",
            "authority": snapshot.authority ?? "",
            "hasAuthority": snapshot.authority != nil,
            "status": status.label,
            "advice": status.advice,
            "hasAdvice": !status.advice.isEmpty,
            "attention": needsAttention,
            "reviewDue": reviewDue,
            "errors": snapshot.errors,
            "warnings": snapshot.warnings,
            "hasErrors": !snapshot.errors.isEmpty,
            "hasWarnings": !snapshot.warnings.isEmpty,
        ]
    }
}
