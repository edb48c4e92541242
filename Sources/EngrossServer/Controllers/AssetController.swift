import Hummingbird

/// The style sheet and script, and the neutral page that "Quick exit" leads to.
struct AssetController {
    let app: WebApp

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/assets/:version/:name") { _, context in
            guard let response = app.assets.response(try context.parameters.require("name")) else {
                throw HTTPError(.notFound)
            }
            return response
        }
        router.get("/exit") { _, _ in app.pages.response("exit", [:]) }
    }
}
