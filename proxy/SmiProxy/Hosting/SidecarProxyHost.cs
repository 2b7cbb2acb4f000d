using System.Net;
using SmiProxy.Configuration;
using SmiProxy.Settings;
using SmiProxy.Telemetry;

namespace SmiProxy.Hosting;

/// <summary>
/// One running sidecar proxy. Start as many as needed in one process — each has its own listeners,
/// watchers, connection pools and metrics — and dispose each when done:
/// <code>
/// await using var proxy = await SidecarProxyHost.StartAsync(new SidecarProxyOptions { ConfigDirectory = dir, ... });
/// await proxy.WaitUntilReadyAsync(cancellationToken);
/// </code>
/// </summary>
public sealed class SidecarProxyHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ProxyListeners _listeners;
    private readonly ProxyState _state;
    private int _disposed;

    private SidecarProxyHost(WebApplication app, ProxyListeners listeners, SidecarProxyOptions options)
    {
        _app = app;
        _listeners = listeners;
        Options = options;
        _state = app.Services.GetRequiredService<ProxyState>();
    }

    /// <summary>The options this instance runs with.</summary>
    public SidecarProxyOptions Options { get; }

    /// <summary>Where the outbound listener is bound (with the real port when the options said 0).</summary>
    public IPEndPoint OutboundEndpoint => ProxyListeners.Bound(_listeners.Outbound, "outbound");

    /// <summary>Where the inbound listener is bound.</summary>
    public IPEndPoint InboundEndpoint => ProxyListeners.Bound(_listeners.Inbound, "inbound");

    /// <summary>Where the admin listener is bound.</summary>
    public IPEndPoint AdminEndpoint => ProxyListeners.Bound(_listeners.Admin, "admin");

    /// <summary>True once a config (and, with mTLS, a certificate) is loaded: what /ready reports.</summary>
    public bool IsReady => _state.IsReady;

    /// <summary>The revision of the config being served; null before the first one.</summary>
    public string? ServedRevision => _state.Active?.Revision;

    /// <summary>The instance's services (tests and the sandbox inspect its state through them).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts a proxy inside the current process; it does not react to Ctrl+C or SIGTERM (its host does).</summary>
    /// <exception cref="ArgumentException">The options are inconsistent (the message says what to fix).</exception>
    public static Task<SidecarProxyHost> StartAsync(SidecarProxyOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, embedded: true, cancellationToken);

    /// <summary>Runs a proxy as the process's main service until SIGTERM/Ctrl+C or <paramref name="cancellationToken"/>.</summary>
    public static async Task RunAsync(SidecarProxyOptions options, CancellationToken cancellationToken = default)
    {
        await using var host = await StartAsync(options, embedded: false, cancellationToken).ConfigureAwait(false);
        await host._app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until <see cref="IsReady"/>.</summary>
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) =>
        _state.WaitUntilAsync(state => state.IsReady, cancellationToken);

    /// <summary>Waits until the proxy serves <paramref name="revision"/> (e.g. after writing a new config).</summary>
    public Task WaitForRevisionAsync(string revision, CancellationToken cancellationToken) =>
        _state.WaitUntilAsync(state => state.Active?.Revision == revision, cancellationToken);

    /// <summary>Stops accepting connections and drains in-flight requests (up to <see cref="SidecarProxyOptions.ShutdownTimeout"/>).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<SidecarProxyHost> StartAsync(SidecarProxyOptions options, bool embedded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var listeners = new ProxyListeners();
        var app = ProxyApplication.Build(options, listeners, embedded);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var host = new SidecarProxyHost(app, listeners, options);
        app.Services.GetRequiredService<ILogger<SidecarProxyHost>>().Listening(host.OutboundEndpoint.ToString(), host.InboundEndpoint.ToString(), host.AdminEndpoint.ToString());
        return host;
    }

    private static void Validate(SidecarProxyOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConfigDirectory))
        {
            problems.Add("ConfigDirectory: set the directory holding config.json (the mounted ConfigMap)");
        }

        if (options.CertificateDirectory is { Length: 0 })
        {
            problems.Add("CertificateDirectory: use null to run without mTLS, not an empty path");
        }

        var endpoints = new[] { ("outbound", options.OutboundEndpoint), ("inbound", options.InboundEndpoint), ("admin", options.AdminEndpoint) };
        foreach (var (name, endpoint) in endpoints)
        {
            if (endpoint is null)
            {
                problems.Add($"{name} endpoint: must be set");
            }
        }

        var clashes = endpoints.Where(e => e.Item2 is { Port: not 0 }).GroupBy(e => e.Item2.Port).Where(g => g.Count() > 1);
        foreach (var clash in clashes)
        {
            problems.Add($"port {clash.Key} is used by the {string.Join(" and ", clash.Select(e => e.Item1))} listeners; give each its own port");
        }

        if (options.DefaultAppPort is < 1 or > 65535)
        {
            problems.Add($"DefaultAppPort: {options.DefaultAppPort} is not a port (1-65535)");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            problems.Add("PollInterval: must be positive");
        }

        if (string.IsNullOrWhiteSpace(options.WorkloadKind))
        {
            problems.Add("WorkloadKind: must not be empty (e.g. Deployment)");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid proxy options: " + string.Join("; ", problems), nameof(options));
        }
    }
}
