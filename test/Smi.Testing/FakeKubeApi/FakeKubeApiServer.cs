using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;
using Smi.Testing.FakeKubeApi.Webhooks;
using Smi.Testing.FakeKubeApi.Writes;

namespace Smi.Testing.FakeKubeApi;

/// <summary>
/// An in-process Kubernetes API server for tests: Kestrel on 127.0.0.1 speaking the real REST and
/// watch protocol (discovery, list/get/create/update/patch/apply/delete, watch with bookmarks and
/// 410 Gone, status subresource, CRD-defined resources, server-side printing), with state tests can
/// seed and inspect, and fault hooks. Both the <c>k8s.Kubernetes</c> client and the real
/// <c>kubectl</c> work against it through <see cref="WriteKubeconfig"/>.
/// </summary>
public sealed partial class FakeKubeApiServer : IAsyncDisposable
{
    private readonly ResourceWriter _writer;
    private readonly ApiDispatcher _dispatcher;
    private readonly FaultInjector _faults = new();
    private readonly WebhookClient _webhooks;
    private readonly ConcurrentQueue<RecordedRequest> _log = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private CancellationTokenSource _stopping = new();
    private int _port;

    private FakeKubeApiServer(FakeKubeApiOptions options)
    {
        Options = options;
        var registry = new ResourceRegistry();
        var store = new ObjectStore(options.HistoryCapacity);
        _webhooks = new WebhookClient(options.WebhookServiceResolver);
        var admission = options.AdmissionWebhooks ? new AdmissionWebhooks(store, _webhooks) : null;
        _writer = new ResourceWriter(registry, store, new VersionConverter(options.Converter, _webhooks), options.Validator, admission, options.TimeProvider);
        _dispatcher = new ApiDispatcher(_writer, _faults, options, _log);
        foreach (var ns in options.InitialNamespaces)
        {
            Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        }
    }

    /// <summary>The options the server runs with.</summary>
    public FakeKubeApiOptions Options { get; }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{_port}");

    /// <summary>The loopback port; stays the same across <see cref="RestartAsync"/>.</summary>
    public int Port => _port;

    /// <summary>The newest resourceVersion the store has handed out.</summary>
    public long ResourceVersion => _writer.Store.ResourceVersion;

    /// <summary>How many watch streams are open right now (a test can wait for a client's watch to be established).</summary>
    public int OpenWatches => _writer.Store.WatchCount;

    /// <summary>Every request completed so far, in order of completion (a watch is recorded when its stream ends).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.ToArray();

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeKubeApiServer> StartAsync(FakeKubeApiOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeKubeApiServer(options ?? new FakeKubeApiOptions());
        await server.StartHostAsync(0, cancellationToken);
        return server;
    }

    /// <summary>A client for this server (plain HTTP, no credentials).</summary>
    public Kubernetes CreateClient() => new(new KubernetesClientConfiguration { Host = Url.ToString().TrimEnd('/') });

    /// <summary>
    /// Writes a kubeconfig whose current context points at this server and returns its path. Pass
    /// it to kubectl with <c>--kubeconfig</c> (or <c>KUBECONFIG</c>).
    /// </summary>
    public string WriteKubeconfig(string path, string defaultNamespace = "default")
    {
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {Url.ToString().TrimEnd('/')}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
                namespace: {defaultNamespace}
            current-context: fake
            users:
            - name: fake
              user: {"{}"}

            """;
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The next request with this verb (get, list, watch, create, update, patch, delete, deletecollection, discovery, or * for any) whose path starts with <paramref name="pathPrefix"/> fails with a Status of <paramref name="statusCode"/>.</summary>
    public void FailNext(string verb, string pathPrefix, int statusCode) => _faults.FailNext(verb, pathPrefix, statusCode);

    /// <summary>Ends every open watch stream cleanly, as an API server does when it closes watches.</summary>
    public void DropWatches() => _writer.Store.DropWatches();

    /// <summary>Forgets the event history: watches (and continue tokens) from any older resourceVersion now get 410 Gone.</summary>
    public void Compact() => _writer.Store.Compact();

    /// <summary>
    /// Stops the HTTP server (every connection and watch is dropped) and starts it again on the
    /// same port with the same state, like an API server restart behind a stable address.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopHostAsync(cancellationToken);
        await StartHostAsync(_port, cancellationToken);
    }

    /// <summary>Throws, listing them, if any request hit a route the fake does not implement.</summary>
    public void AssertNoUnhandledRequests()
    {
        var unhandled = Requests.Where(r => r.Unhandled).ToList();
        if (unhandled.Count > 0)
        {
            throw new InvalidOperationException(
                $"FakeKubeApiServer received {unhandled.Count} request(s) it does not implement (answered 501):{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", unhandled));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopHostAsync(CancellationToken.None);
        _webhooks.Dispose();
        _stopping.Dispose();
        _lifecycle.Dispose();
    }

    private async Task StartHostAsync(int port, CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, port);
                k.AddServerHeader = false;
            });
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            var app = builder.Build();
            _stopping = new CancellationTokenSource();
            _dispatcher.Stopping = _stopping.Token;
            app.Run(_dispatcher.HandleAsync);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            _port = new Uri(address).Port;
            _app = app;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StopHostAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_app is null)
            {
                return;
            }

            await _stopping.CancelAsync();
            _writer.Store.DropWatches();
            await _app.StopAsync(cancellationToken);
            await _app.DisposeAsync();
            _app = null;
        }
        finally
        {
            _lifecycle.Release();
        }
    }
}
