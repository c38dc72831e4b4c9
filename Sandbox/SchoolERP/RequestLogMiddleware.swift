import Hummingbird

/// Logs every request with its method, path and status as one `EventLog` line, so an operator
/// tailing the log (LOGS_COMMAND) sees what the ERP answered.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code)
            return response
        } catch {
            log(request, status: (error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }

    private func log(_ request: Request, status: Int) {
        EventLog.write("request", ["method": request.method.rawValue, "path": request.uri.path, "status": status])
    }
}
