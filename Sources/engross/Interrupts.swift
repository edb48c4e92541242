import Dispatch
import Engross
import Foundation

/// What Ctrl-C (SIGINT) and SIGTERM do: never leave a temporary file holding a client's data.
enum Interrupts {
    private final class Sources: @unchecked Sendable {
        var list: [DispatchSourceSignal] = []
    }

    private static let sources = Sources()

    /// The exit status of a command ended by `signal`, as shells report it: 130 for SIGINT,
    /// 143 for SIGTERM.
    static func status(_ signal: Int32) -> Int32 { 128 + signal }

    /// On SIGINT or SIGTERM, removes the temporary files under way and exits at once.
    static func exitCleanly() {
        handle { signal in Self.exit(signal) }
    }

    /// Removes the temporary files under way and exits with the status of `signal`.
    static func exit(_ signal: Int32) -> Never {
        TemporaryFiles.removeAll()
        Console.error("\nengross: interrupted; no half-written file was left")
        Foundation.exit(status(signal))
    }

    /// Calls `handler` (on another thread) for each SIGINT or SIGTERM, instead of ending the process.
    static func handle(_ handler: @escaping @Sendable (Int32) -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.list.append(source)
        }
    }
}
