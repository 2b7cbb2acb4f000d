using System.Net;
using System.Text.Json;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Smi.Sandbox;

/// <summary>
/// The app every simulated pod runs: answers any request on each declared container port with a
/// JSON description of who answered and what arrived (pod, namespace, serviceAccount, method,
/// path, headers, port). A pod can be told to fail a share of requests with 500, or to add
/// latency, through its template annotations (see <see cref="EchoBehaviour"/>), for canary tests.
/// Ports the manifests declare as h2c (<see cref="EchoProtocols"/>) speak HTTP/2 with prior
/// knowledge and serve the gRPC service <c>smi.echo.v1.Echo</c> (<see cref="EchoGrpcService"/>)
/// and <c>grpc.health.v1.Health</c> beside the same JSON echo; <c>/ws</c> is a WebSocket echo
/// (<see cref="EchoWebSocket"/>).
/// </summary>
internal sealed class EchoApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoApp(WebApplication app) => _app = app;

    public static Task<EchoApp> StartAsync(EchoIdentity identity, IPAddress address, IReadOnlyCollection<EchoPort> ports, EchoBehaviour behaviour, CancellationToken cancellationToken) =>
        StartAsync(identity, kestrel =>
        {
            foreach (var port in ports)
            {
                kestrel.Listen(address, port.Port, listen => UseProtocol(listen, port));
            }
        }, behaviour, cancellationToken);

    /// <summary>Starts on whatever listeners <paramref name="listen"/> configures (the netns node hands it sockets bound inside the pod's namespace); h2c ports set their protocols with <see cref="UseProtocol"/>.</summary>
    public static async Task<EchoApp> StartAsync(EchoIdentity identity, Action<KestrelServerOptions> listen, EchoBehaviour behaviour, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(listen);
        var failures = new FailureSchedule(behaviour.FailureRate);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(behaviour);
        builder.Services.AddSingleton(failures);
        builder.Services.AddSingleton(Health());
        var app = builder.Build();
        app.UseWebSockets();
        app.Use(next => context =>
        {
            // gRPC only on HTTP/2 (h2c ports): on HTTP/1.1 ports every request stays the JSON echo, as before.
            if (context.GetEndpoint() is not null && HttpProtocol.IsHttp2(context.Request.Protocol))
            {
                return next(context);
            }

            return context.WebSockets.IsWebSocketRequest && context.Request.Path == EchoWebSocket.Path
                ? EchoWebSocket.RunAsync(context, identity)
                : RespondAsync(context, identity, behaviour, failures);
        });
        app.MapGrpcService<EchoGrpcService>();
        app.MapGrpcService<HealthServiceImpl>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new EchoApp(app);
    }

    /// <summary>HTTP/2 only (prior knowledge: cleartext has no ALPN to negotiate it) on an h2c port; Kestrel's default otherwise.</summary>
    public static void UseProtocol(ListenOptions listen, EchoPort port)
    {
        if (port.H2c)
        {
            listen.Protocols = HttpProtocols.Http2;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Who answered and what arrived, as the JSON echo (and the WebSocket echo's first message) tells it.</summary>
    internal static Dictionary<string, object?> Describe(HttpContext context, EchoIdentity identity) => new()
    {
        ["pod"] = identity.Pod,
        ["namespace"] = identity.Namespace,
        ["serviceAccount"] = identity.ServiceAccount,
        ["port"] = context.Connection.LocalPort,
        ["method"] = context.Request.Method,
        ["path"] = context.Request.Path.Value + context.Request.QueryString.Value,
        ["headers"] = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
    };

    // Every service SERVING: the echo app is up as soon as it listens (kubelet's grpc probe asks for "" by default).
    private static HealthServiceImpl Health()
    {
        var health = new HealthServiceImpl();
        health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(Echo.V1.Echo.Descriptor.FullName, HealthCheckResponse.Types.ServingStatus.Serving);
        return health;
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
        var body = Describe(context, identity);
        body["failed"] = failed;
        await JsonSerializer.SerializeAsync(context.Response.Body, body, EchoJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
