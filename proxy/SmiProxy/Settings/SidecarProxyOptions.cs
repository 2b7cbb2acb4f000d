using System.Net;
using Smi.ProxyConfig.Sidecar;

namespace SmiProxy.Settings;

/// <summary>
/// Everything one sidecar proxy instance needs. Several instances may run in one process (the
/// sandbox runs one per simulated pod): each gets its own listeners, watchers, connection pools
/// and metrics. Program.cs maps flags and environment variables onto this record (docs/proxy.md).
/// </summary>
public sealed record SidecarProxyOptions
{
    /// <summary>Default outbound listener: the app's HTTP_PROXY or the iptables redirect target.</summary>
    public static readonly IPEndPoint DefaultOutboundEndpoint = new(IPAddress.Any, 15001);

    /// <summary>Default inbound listener: mTLS from peer proxies (and plaintext when permissive).</summary>
    public static readonly IPEndPoint DefaultInboundEndpoint = new(IPAddress.Any, 15006);

    /// <summary>Default admin listener: /ready, /config, /metrics, /stats.</summary>
    public static readonly IPEndPoint DefaultAdminEndpoint = new(IPAddress.Any, 15000);

    /// <summary>
    /// The ProxyConfig directory (a mounted ConfigMap: <c>config.json</c> or <c>config.json.gz</c>,
    /// usually behind kubelet's <c>..data</c> symlink). Watched for changes.
    /// </summary>
    public required string ConfigDirectory { get; init; }

    /// <summary>
    /// The certificate directory (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>), watched for rotation.
    /// Null runs without mTLS: the inbound accepts plaintext only (so only a permissive config admits
    /// anyone) and meshed endpoints cannot be reached. Readiness then needs only the config.
    /// </summary>
    public string? CertificateDirectory { get; init; }

    /// <summary>Outbound listener address and port (port 0 picks a free port; see <c>SidecarProxyHost.OutboundEndpoint</c>).</summary>
    public IPEndPoint OutboundEndpoint { get; init; } = DefaultOutboundEndpoint;

    /// <summary>Inbound listener address and port.</summary>
    public IPEndPoint InboundEndpoint { get; init; } = DefaultInboundEndpoint;

    /// <summary>Admin listener address and port.</summary>
    public IPEndPoint AdminEndpoint { get; init; } = DefaultAdminEndpoint;

    /// <summary>Where the app listens: inbound requests go to this address at the destination container port.</summary>
    public IPAddress AppAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// The app port for a plaintext request that names none (no <c>x-smi-destination-port</c>) and
    /// arrives on a port the app does not serve. Null: the only port the identity serves, if there is one.
    /// </summary>
    public int? DefaultAppPort { get; init; }

    /// <summary>This pod's name (metrics labels: destination pod / source pod).</summary>
    public string? PodName { get; init; }

    /// <summary>This pod's namespace; null uses the namespace of the config's identity.</summary>
    public string? PodNamespace { get; init; }

    /// <summary>Kind of the workload that owns the pod (Deployment, StatefulSet, DaemonSet, ...).</summary>
    public string WorkloadKind { get; init; } = "Deployment";

    /// <summary>
    /// Name of the workload that owns the pod (e.g. <c>podinfo-primary</c>): what Flagger's queries
    /// select on. Null derives it from <see cref="PodName"/> (see <see cref="WorkloadInfo"/>).
    /// </summary>
    public string? WorkloadName { get; init; }

    /// <summary>Flagger metric shapes recorded on the inbound side.</summary>
    public MetricShapes MetricShapes { get; init; } = MetricShapes.Istio;

    /// <summary>File the access log is appended to; null writes it to standard output.</summary>
    public string? AccessLogPath { get; init; }

    /// <summary>How often the config and certificate directories are polled, as a fallback for missed change events.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Use FileSystemWatcher (inotify) on the watched directories besides polling. Each watcher costs
    /// one inotify instance (128 per user by default): many in-process instances may turn it off.
    /// </summary>
    public bool WatchFileSystem { get; init; } = true;

    /// <summary>Minimum log level (Warning keeps the request path free of logging).</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Replaces the default console logging (e.g. the sandbox routes each instance's logs itself).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>OTLP endpoint for spans; null turns tracing off (W3C trace headers still pass through).</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>How long a stop waits for in-flight requests to finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The pod's own addresses (downward API <c>status.podIPs</c>): besides loopback, the only
    /// sources the outbound listener serves, so another pod cannot use it as a relay.
    /// </summary>
    public IReadOnlyList<System.Net.IPAddress> PodIps { get; init; } = [];

    /// <summary>
    /// How long a redirected connection may stay silent before the proxy stops waiting for the bytes
    /// that tell its protocol and carries it as opaque TCP (a server-first protocol on a port not
    /// declared opaque waits this long once per connection).
    /// </summary>
    public TimeSpan ProtocolDetectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The app's probes the injector moved to the admin listener, by admin path.</summary>
    public IReadOnlyDictionary<string, Smi.ProxyConfig.Sidecar.AppProbe> AppProbes { get; init; } = new Dictionary<string, Smi.ProxyConfig.Sidecar.AppProbe>();
}
