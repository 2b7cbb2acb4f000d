using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Smi.TrafficMetrics.Api;

/// <summary>
/// Serves <see cref="TrafficMetricsApi"/> under <c>/apis</c>: in the operator on the HTTPS listener
/// only (where the APIService points), in the sandbox on its own loopback listener.
/// </summary>
internal static class TrafficMetricsEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static void MapTrafficMetrics(this IEndpointRouteBuilder endpoints, bool httpsOnly)
    {
        endpoints.MapGet("/apis", (HttpContext context, TrafficMetricsApi api) => Serve(context, api, httpsOnly));
        endpoints.MapGet("/apis/{**rest}", (HttpContext context, TrafficMetricsApi api) => Serve(context, api, httpsOnly));
    }

    private static async Task Serve(HttpContext context, TrafficMetricsApi api, bool httpsOnly)
    {
        if (httpsOnly && !context.Request.IsHttps)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (context.RequestServices.GetService(typeof(IRequestAuthenticator)) is IRequestAuthenticator authenticator
            && await authenticator.RejectAsync(context).ConfigureAwait(false) is { } reason)
        {
            await WriteAsync(context, ApiAnswer.Unauthorized(reason)).ConfigureAwait(false);
            return;
        }

        var answer = await api.GetAsync(context.Request.Path.Value ?? "/apis", context.Request.Query["labelSelector"].ToString(), context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, ApiAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, answer.Body, answer.Body.GetType(), Json, context.RequestAborted).ConfigureAwait(false);
    }
}
