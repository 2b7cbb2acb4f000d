using System.Globalization;
using System.Net;
using Smi.ProxyConfig.Sidecar;
using SmiProxy.Settings;

namespace SmiProxy.Hosting;

/// <summary>
/// Maps <c>smi-proxy</c> flags and environment variables onto <see cref="SidecarProxyOptions"/>.
/// A flag wins over its environment variable, which wins over the default. The environment
/// variables are what the injector sets (POD_NAME and POD_NAMESPACE from the downward API).
/// </summary>
public static class SidecarProxyCommandLine
{
    /// <summary>Default config directory (where the injector mounts the ConfigMap).</summary>
    public const string DefaultConfigDirectory = "/etc/smi/config";

    /// <summary>Default certificate directory (where the injector mounts the Secret).</summary>
    public const string DefaultCertificateDirectory = "/etc/smi/certs";

    private static readonly (string Flag, string? Env, string Help)[] Flags =
    [
        ("--config-dir", "SMI_CONFIG_DIR", $"ProxyConfig directory (config.json or config.json.gz). Default {DefaultConfigDirectory}"),
        ("--cert-dir", "SMI_CERT_DIR", $"Certificate directory (tls.crt, tls.key, ca.crt); \"none\" runs without mTLS. Default {DefaultCertificateDirectory}"),
        ("--outbound", "SMI_OUTBOUND", "Outbound listener ip:port (or just a port; else SMI_OUTBOUND_PORT, as the injector sets it). Default 0.0.0.0:15001"),
        ("--inbound", "SMI_INBOUND", "Inbound listener ip:port (or just a port; else SMI_INBOUND_PORT). Default 0.0.0.0:15006"),
        ("--admin", "SMI_ADMIN", "Admin listener ip:port (or just a port; else SMI_ADMIN_PORT). Default 0.0.0.0:15000"),
        ("--app-address", "SMI_APP_ADDRESS", "Address the app listens on; inbound traffic goes there. Default 127.0.0.1"),
        ("--default-app-port", "SMI_DEFAULT_APP_PORT", "App port for plaintext requests that name none. Default: the only port served"),
        ("--pod-name", "POD_NAME", "Pod name, for metrics"),
        ("--pod-namespace", "POD_NAMESPACE", "Pod namespace, for metrics. Default: the identity's namespace"),
        ("--workload-kind", "SMI_WORKLOAD_KIND", "Kind of the pod's owning workload. Default Deployment"),
        ("--workload-name", "SMI_WORKLOAD_NAME", "Name of the owning workload (what Flagger selects on). Default: derived from the pod name"),
        ("--metric-shapes", "SMI_METRIC_SHAPES", "Flagger metric shapes: comma list of istio, osm, linkerd, all, none. Default istio"),
        ("--poll-interval", "SMI_POLL_INTERVAL", "How often watched directories are polled (e.g. 1s, 500ms). Default 1s"),
        ("--file-watcher", "SMI_FILE_WATCHER", "Use inotify besides polling: true or false. Default true"),
        ("--access-log", "SMI_ACCESS_LOG", "File to append access logs to (when a config or policy turns them on). Default: standard output"),
        ("--log-level", "SMI_LOG_LEVEL", "Trace, Debug, Information, Warning, Error, Critical or None. Default Warning"),
        ("--otlp-endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT", "Export spans over OTLP to this URL. Default: no tracing"),
        ("--shutdown-timeout", "SMI_SHUTDOWN_TIMEOUT", "How long a stop drains in-flight requests (e.g. 10s). Default 10s"),
        ("--pod-ips", SidecarEnvironment.PodIps, "The pod's own addresses, comma-separated (the only sources besides loopback the outbound listener serves). Default: POD_IP"),
        ("--protocol-detect-timeout", "SMI_PROTOCOL_DETECT_TIMEOUT", "How long a redirected connection may stay silent before it is carried as opaque TCP (e.g. 1s, 300ms). Default 1s"),
        ("--app-probes", SidecarEnvironment.AppProbes, "The app's probes moved to the admin listener (JSON, set by the injector). Default: none"),
    ];

    /// <summary>The --help text.</summary>
    public static string HelpText
    {
        get
        {
            var lines = new List<string>
            {
                "smi-proxy: the SMI Operator sidecar (outbound, inbound mTLS + access control, admin).",
                string.Empty,
                "Usage: smi-proxy [--flag value]...   (each flag also reads the environment variable shown)",
                string.Empty,
            };
            lines.AddRange(Flags.Select(f => $"  {f.Flag,-20} {f.Env,-28} {f.Help}"));
            lines.Add($"  {"--help",-20} {string.Empty,-28} Show this text");
            return string.Join(Environment.NewLine, lines);
        }
    }

    /// <summary>Parses <paramref name="args"/>, falling back to <paramref name="environment"/> (usually <see cref="Environment.GetEnvironmentVariable(string)"/>).</summary>
    public static CommandLineResult Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                return new CommandLineResult(null, ShowHelp: true, null);
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals > 0 ? arg[..equals] : arg;
            if (!Flags.Any(f => f.Flag == flag))
            {
                return Fail($"unknown argument \"{arg}\" (see --help)");
            }

            if (equals > 0)
            {
                values[flag] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[flag] = args[++i];
            }
            else
            {
                return Fail($"{flag} needs a value");
            }
        }

        string? Get(string flag)
        {
            if (values.TryGetValue(flag, out var value))
            {
                return value;
            }

            var env = Flags.First(f => f.Flag == flag).Env;
            var fromEnv = env is null ? null : environment(env);
            return string.IsNullOrEmpty(fromEnv) ? null : fromEnv;
        }

        var errors = new List<string>();
        var options = new SidecarProxyOptions
        {
            ConfigDirectory = Get("--config-dir") ?? DefaultConfigDirectory,
            CertificateDirectory = Get("--cert-dir") is { } certs ? (certs == "none" ? null : certs) : DefaultCertificateDirectory,
            OutboundEndpoint = ParseEndpoint(Get("--outbound") ?? Env(environment, SidecarEnvironment.OutboundPort), "--outbound", SidecarProxyOptions.DefaultOutboundEndpoint, errors),
            InboundEndpoint = ParseEndpoint(Get("--inbound") ?? Env(environment, SidecarEnvironment.InboundPort), "--inbound", SidecarProxyOptions.DefaultInboundEndpoint, errors),
            AdminEndpoint = ParseEndpoint(Get("--admin") ?? Env(environment, SidecarEnvironment.AdminPort), "--admin", SidecarProxyOptions.DefaultAdminEndpoint, errors),
            AppAddress = Get("--app-address") is { } app ? (IPAddress.TryParse(app, out var address) ? address : Error(errors, $"--app-address: \"{app}\" is not an IP address", IPAddress.Loopback)) : IPAddress.Loopback,
            DefaultAppPort = Get("--default-app-port") is { } port ? ParsePort(port, "--default-app-port", errors) : null,
            PodName = Get("--pod-name"),
            PodNamespace = Get("--pod-namespace"),
            WorkloadKind = Get("--workload-kind") ?? "Deployment",
            WorkloadName = Get("--workload-name"),
            MetricShapes = Get("--metric-shapes") is { } shapes ? ParseShapes(shapes, errors) : MetricShapes.Istio,
            AccessLogPath = Get("--access-log"),
            PollInterval = Get("--poll-interval") is { } poll ? ParseDuration(poll, "--poll-interval", errors) : TimeSpan.FromSeconds(1),
            WatchFileSystem = Get("--file-watcher") is not { } watch || (bool.TryParse(watch, out var watchValue) ? watchValue : Error(errors, $"--file-watcher: \"{watch}\" is not true or false", true)),
            MinimumLogLevel = Get("--log-level") is { } level ? (Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : Error(errors, $"--log-level: \"{level}\" is not a log level", LogLevel.Warning)) : LogLevel.Warning,
            OtlpEndpoint = Get("--otlp-endpoint") is { } otlp ? (Uri.TryCreate(otlp, UriKind.Absolute, out var uri) ? uri : Error<Uri?>(errors, $"--otlp-endpoint: \"{otlp}\" is not an absolute URL", null)) : null,
            ShutdownTimeout = Get("--shutdown-timeout") is { } shutdown ? ParseDuration(shutdown, "--shutdown-timeout", errors) : TimeSpan.FromSeconds(10),
            PodIps = ParseAddresses(Get("--pod-ips") ?? Env(environment, SidecarEnvironment.PodIp), errors),
            ProtocolDetectTimeout = Get("--protocol-detect-timeout") is { } detect ? ParseDuration(detect, "--protocol-detect-timeout", errors) : TimeSpan.FromSeconds(1),
            AppProbes = Get("--app-probes") is { } probes ? ParseProbes(probes, errors) : new Dictionary<string, AppProbe>(),
        };

        return errors.Count > 0 ? Fail(string.Join("; ", errors)) : new CommandLineResult(options, ShowHelp: false, null);
    }

    private static CommandLineResult Fail(string error) => new(null, ShowHelp: false, error);

    private static string? Env(Func<string, string?> environment, string name) => environment(name) is { Length: > 0 } value ? value : null;

    private static IReadOnlyList<IPAddress> ParseAddresses(string? value, List<string> errors)
    {
        var addresses = new List<IPAddress>();
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(part, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                errors.Add($"--pod-ips: \"{part}\" is not an IP address");
            }
        }

        return addresses;
    }

    private static IReadOnlyDictionary<string, AppProbe> ParseProbes(string value, List<string> errors)
    {
        var probes = Smi.ProxyConfig.Sidecar.AppProbes.Parse(value, out var error);
        if (probes is null)
        {
            errors.Add($"--app-probes: {error}");
            return new Dictionary<string, AppProbe>();
        }

        return probes;
    }

    private static T Error<T>(List<string> errors, string message, T fallback)
    {
        errors.Add(message);
        return fallback;
    }

    private static IPEndPoint ParseEndpoint(string? value, string flag, IPEndPoint fallback, List<string> errors)
    {
        if (value is null)
        {
            return fallback;
        }

        var text = value.StartsWith(':') ? value[1..] : value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return port is >= 0 and <= 65535 ? new IPEndPoint(IPAddress.Any, port) : Error(errors, $"{flag}: {port} is not a port", fallback);
        }

        return IPEndPoint.TryParse(value, out var endpoint) && value.Contains(':', StringComparison.Ordinal)
            ? endpoint
            : Error(errors, $"{flag}: \"{value}\" is not ip:port (e.g. 127.0.0.1:15001 or [::1]:15001)", fallback);
    }

    private static int? ParsePort(string value, string flag, List<string> errors) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : Error<int?>(errors, $"{flag}: \"{value}\" is not a port (1-65535)", null);

    private static TimeSpan ParseDuration(string value, string flag, List<string> errors)
    {
        var text = value.Trim();
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? TimeSpan.FromMilliseconds(amount * scale)
            : Error(errors, $"{flag}: \"{value}\" is not a duration (e.g. 500ms, 1s, 2m)", TimeSpan.FromSeconds(1));
    }

    private static MetricShapes ParseShapes(string value, List<string> errors)
    {
        if (!MetricShapeNames.TryParse(value, out var shapes, out var error))
        {
            errors.Add("--metric-shapes: " + error);
        }

        return shapes;
    }
}
