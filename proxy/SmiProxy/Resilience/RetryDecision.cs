using System.Net.Sockets;
using SmiProxy.Identity;
using Yarp.ReverseProxy.Forwarder;

namespace SmiProxy.Resilience;

/// <summary>
/// When a failed attempt may be retried: the request is idempotent (GET, HEAD, OPTIONS, TRACE, PUT,
/// DELETE) and has no body, nothing has been sent to the app yet, and the attempt failed while
/// connecting — so the request never reached an endpoint and sending it again is safe.
/// </summary>
internal static class RetryDecision
{
    public static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsTrace(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    public static bool HasNoBody(HttpRequest request) =>
        request.ContentLength is null or 0 && !request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.TransferEncoding);

    public static bool IsConnectFailure(IForwarderErrorFeature? error)
    {
        if (error is not { Error: ForwarderError.Request, Exception: { } exception })
        {
            return false;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MeshConnectException or SocketException || e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }
        }

        return false;
    }

    public static bool CanRetry(HttpContext context, IForwarderErrorFeature? error) =>
        !context.Response.HasStarted && IsConnectFailure(error) && IsIdempotent(context.Request.Method) && HasNoBody(context.Request);
}
