import CaseData
import Engross
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Templating

/// Builds the web app: the store, the templates, the routes and the middleware. `engross serve`
/// runs what it returns; tests drive the same application without a socket.
///
/// ```swift
/// let configuration = ServerConfiguration(templatesPath: "Templates", dataPath: "data")
/// let app = try await buildApplication(configuration)
/// try await app.runService()
/// ```
/// - Parameters:
///   - store: the case store; by default an SQLite database in `configuration.dataPath`.
///   - log: where each request's one line goes (standard error by default).
///   - onServerRunning: called with the address once the server listens.
public func buildApplication(
    _ configuration: ServerConfiguration,
    store: (any CaseStore)? = nil,
    today: CivilDate = RenderDate.today(),
    log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
    onServerRunning: @escaping @Sendable (String) -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    if !ServerConfiguration.isLoopback(configuration.host), !(configuration.allowRemote && configuration.accounts) {
        throw ServerStartError("refusing to listen on \(configuration.host): survivors' data would be reachable from the network. "
            + "Without --accounts engross serve listens on 127.0.0.1 only; with --accounts, --allow-remote lets it listen "
            + "elsewhere, for a server behind a TLS reverse proxy")
    }
    try PrivateFolder.create(configuration.dataPath)
    // Packet builds of a server killed outright left their folders (and exhibits) behind.
    TemporaryFiles.sweep(configuration.dataPath)
    let (store, services) = try await openStore(configuration, given: store)
    var loaded = try await WebApp.load(configuration, store: store, today: today, log: log)
    if configuration.accounts {
        loaded.accounts = try AccountService(configuration, store: store, secret: loaded.token)
        loaded.startingCatalog = TemplateCatalog.read(templatesPath: configuration.templatesPath, today: loaded.engine.today)
    }
    let web = loaded
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware(write: log))
    router.add(middleware: SecurityHeadersMiddleware())
    // With accounts, the session is found before any page is made, so every page (errors too)
    // names the user and carries their session's CSRF token.
    if let accounts = web.accounts { router.add(middleware: SessionMiddleware(app: web, accounts: accounts)) }
    router.add(middleware: ErrorPageMiddleware(pages: web.pages, page: { web.page($0, $1) }))
    // The HTTP API answers only a server with accounts whose store keeps API tokens.
    let tokens = configuration.accounts ? store as? any APITokenStore : nil
    let api = try tokens.map { _ in try APIController(app: web, resources: try ServerResources.locate(), log: log) }
    if let tokens, let api { router.add(middleware: APITokenMiddleware(tokens: tokens, routes: api.routes.map { ($0.method, $0.path) })) }
    router.add(middleware: HostCheckMiddleware(allowRemote: configuration.allowRemote))
    router.add(middleware: FormBodyMiddleware(token: web.token, formLimit: configuration.maximumFormBytes,
        uploadLimit: configuration.maximumUploadBytes))
    if let accounts = web.accounts { router.add(middleware: AuditMiddleware(accounts: accounts, behindProxy: configuration.allowRemote)) }
    web.addRoutes(to: router)
    api?.addRoutes(to: router)

    var logger = Logger(label: "engross-serve")
    logger.logLevel = .warning
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            onServerRunning("http://\(host):\(port)/")
        },
        logger: logger
    )
}

/// The given store, else PostgreSQL at `databaseURL`, else SQLite in the data folder; both sealed
/// with the configuration's key file. The PostgreSQL store is returned as a service too, so that
/// the application stops it with the server.
private func openStore(_ configuration: ServerConfiguration, given: (any CaseStore)?) async throws -> (any CaseStore, [any Service]) {
    if let given { return (given, []) }
    let store = try await openConfiguredStore(configuration)
    return (store, (store as? PostgresStore).map { [$0] } ?? [])
}

/// Everything a server with accounts keeps: its cases, its users and audit log, its API tokens.
public typealias ClinicStore = CaseStore & AccountStore & APITokenStore

/// The store `engross serve` opens for `configuration`: PostgreSQL when it names a database, else
/// SQLite in the data folder; sealed with the key file's key (made on first run).
func openConfiguredStore(_ configuration: ServerConfiguration) async throws -> any ClinicStore {
    let cipher = try FieldCipher.load(configuration)
    if let url = configuration.databaseURL {
        return try await PostgresStore.open(address: PostgresAddress(url: url), cipher: cipher)
    }
    return try SQLiteCaseStore(path: configuration.dataPath + "/engross.sqlite", cipher: cipher)
}

/// Runs `body` on the store `engross serve` would open for `configuration` (the same database and
/// key), then closes it: for `engross user` and `engross token`. A store that cannot be opened
/// throws a `ServerStartError` that says why.
public func withConfiguredStore<T>(_ configuration: ServerConfiguration, _ body: (any ClinicStore) async throws -> T) async throws -> T {
    try PrivateFolder.create(configuration.dataPath)
    let store: any ClinicStore
    do { store = try await openConfiguredStore(configuration) } catch let error as ServerStartError { throw error } catch {
        throw ServerStartError("cannot open the database: \(error)")
    }
    defer { (store as? PostgresStore)?.shutdown() }
    return try await body(store)
}

extension FieldCipher {
    /// The cipher of the configuration's key file, made on first run.
    static func load(_ configuration: ServerConfiguration) throws -> FieldCipher {
        do { return try FieldCipher(key: KeyFile.loadOrCreate(path: configuration.keyFile)) } catch let error as KeyFileError {
            throw ServerStartError(error.description)
        }
    }
}

/// Builds the web app and serves it until SIGINT or SIGTERM.
public func serve(_ configuration: ServerConfiguration, onServerRunning: @escaping @Sendable (String) -> Void) async throws {
    let app = try await buildApplication(configuration, onServerRunning: onServerRunning)
    try await app.runService()
}

extension WebApp {
    /// Every route of the web app (tests walk them).
    func addRoutes(to router: Router<AppRequestContext>) {
        AssetController(app: self).addRoutes(to: router)
        CaseController(app: self).addRoutes(to: router)
        DocumentController(app: self).addRoutes(to: router)
        PacketController(app: self).addRoutes(to: router)
        if let accounts {
            AccountController(app: self, accounts: accounts).addRoutes(to: router)
            SharingController(app: self, accounts: accounts).addRoutes(to: router)
            AdminController(app: self, accounts: accounts).addRoutes(to: router)
        }
    }

    /// Loads the templates and packets (a broken one is left out, and said so), the pages and
    /// the token.
    static func load(_ configuration: ServerConfiguration, store: any CaseStore, today: CivilDate, log: @Sendable (String) -> Void) async throws -> WebApp {
        guard FileManager.default.fileExists(atPath: configuration.templatesPath + "/" + TemplateLibrary.schemaFileName)
            || !(TemplateLibrary(path: configuration.templatesPath).templateIDs().isEmpty)
        else {
            throw ServerStartError("no templates in \(configuration.templatesPath); give the templates folder with --templates")
        }
        let engine = Engine(templatesPath: configuration.templatesPath, today: today)
        let kinds = DocumentKinds(engine: engine)
        var templates: [String: PreparedTemplate] = [:]
        for kind in kinds.kinds {
            do { templates[kind.templateID] = try engine.prepare(kind.templateID) } catch {
                log("template \(kind.templateID) is broken (\(error.errors.count) problems; run engross lint \(kind.templateID)); it is left out")
            }
        }
        var packets: [String: Packet] = [:]
        for definition in kinds.packets {
            do { packets[definition.id] = try Packet(engine: engine, id: definition.id) } catch {
                log("packet \(definition.id) is broken (\(error.errors.count) problems; run engross lint); it is left out")
            }
        }
        let resources = try ServerResources.locate()
        return WebApp(engine: engine, kinds: kinds, templates: templates, steps: templates.mapValues { FormStep.steps(for: $0.template) },
            packets: packets, store: store,
            pages: try await Pages(resources: resources), assets: try Assets(resources: resources),
            token: try await store.csrfSecret(), configuration: configuration)
    }
}
