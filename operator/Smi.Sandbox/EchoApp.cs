using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Smi.Sandbox;

/// <summary>
/// The app every simulated pod runs: answers any request on each declared container port with a
/// JSON description of who answered and what arrived (pod, namespace, serviceAccount, method,
/// path, headers, port). A pod can be told to fail a share of requests with 500, or to add
/// latency, through its template annotations (see <see cref="EchoBehaviour"/>), for canary tests.
/// </summary>
internal sealed class EchoApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoApp(WebApplication app) => _app = app;

    public static Task<EchoApp> StartAsync(EchoIdentity identity, IPAddress address, IReadOnlyCollection<int> ports, EchoBehaviour behaviour, CancellationToken cancellationToken) =>
        StartAsync(identity, kestrel =>
        {
            foreach (var port in ports)
            {
                kestrel.Listen(address, port);
            }
        }, behaviour, cancellationToken);

    /// <summary>Starts on whatever listeners <paramref name="listen"/> configures (the netns node hands it sockets bound inside the pod's namespace).</summary>
    public static async Task<EchoApp> StartAsync(EchoIdentity identity, Action<KestrelServerOptions> listen, EchoBehaviour behaviour, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(listen);
        var app = builder.Build();
        var failures = new FailureSchedule(behaviour.FailureRate);
        app.Run(context => RespondAsync(context, identity, behaviour, failures));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new EchoApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task RespondAsync(HttpContext context, EchoIdentity identity, EchoBehaviour behaviour, FailureSchedule failures)
    {
        if (behaviour.LatencyMs > 0)
        {
            await Task.Delay(behaviour.LatencyMs, context.RequestAborted).ConfigureAwait(false);
        }

        var failed = failures.NextFails();
        context.Response.StatusCode = failed ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object?>
        {
            ["pod"] = identity.Pod,
            ["namespace"] = identity.Namespace,
            ["serviceAccount"] = identity.ServiceAccount,
            ["port"] = context.Connection.LocalPort,
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value + context.Request.QueryString.Value,
            ["headers"] = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            ["failed"] = failed,
        };
        await JsonSerializer.SerializeAsync(context.Response.Body, body, EchoJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
