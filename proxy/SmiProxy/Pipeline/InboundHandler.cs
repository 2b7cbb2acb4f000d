using System.Diagnostics;
using System.Globalization;
using SmiProxy.Configuration;
using SmiProxy.Identity;
using SmiProxy.Inbound;
using SmiProxy.Matching;
using SmiProxy.Policies;
using SmiProxy.Settings;
using SmiProxy.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace SmiProxy.Pipeline;

/// <summary>
/// The inbound listener's request path: establish the peer (verified mTLS identity, or none for a
/// permitted plaintext caller), work out the destination container port, enforce the access rules,
/// then forward to the app with the mesh headers replaced by <c>x-smi-client-id</c>. Denials are 403
/// with a one-line reason naming source, destination, port, method and path.
/// </summary>
internal sealed class InboundHandler
{
    private static readonly LocalLabels UnconfiguredLabels = LocalLabels.Create("unknown", "unknown", new WorkloadInfo("unknown", "unknown", "unknown", "unknown"));

    private readonly ProxyState _state;
    private readonly ProxyMetrics _metrics;
    private readonly SidecarProxyOptions _options;
    private readonly ILogger<InboundHandler> _logger;

    private readonly RateLimiters _limiters;
    private readonly AccessLogWriter _accessLog;

    public InboundHandler(ProxyState state, ProxyMetrics metrics, SidecarProxyOptions options, RateLimiters limiters, AccessLogWriter accessLog, ILogger<InboundHandler> logger)
    {
        _state = state;
        _metrics = metrics;
        _limiters = limiters;
        _accessLog = accessLog;
        _options = options;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var config = _state.Active;
        var source = PeerLabels.Anonymous;
        var destination = ServiceLabel.Unknown;
        var backend = ServiceLabel.Unknown;
        bool? accessLog = null;
        string? policyOrigins = null;
        try
        {
            if (config is null)
            {
                await MeshResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "the proxy has not loaded a config yet").ConfigureAwait(false);
                return;
            }

            var served = config.Inbound;
            var connection = context.Features.Get<PeerIdentityFeature>();
            var peer = connection?.Resolve(context, config.TrustDomain);
            var headers = context.Request.Headers;
            var portHeader = headers[MeshHeaders.DestinationPort].ToString();
            if (peer is not null)
            {
                source = SourceLabels(connection!, peer, headers);
                backend = Lookup(served, headers[MeshHeaders.DestinationService].ToString()) ?? served.FindByHost(headers.Host) ?? ServiceLabel.Unknown;
                destination = Lookup(served, headers[MeshHeaders.ApexService].ToString()) ?? backend;
            }
            else
            {
                backend = served.FindByHost(headers.Host) ?? ServiceLabel.Unknown;
                destination = served.ApexByService.GetValueOrDefault(backend.Key) ?? backend;
            }

            MeshHeaders.Strip(headers);
            var sourceName = peer?.Identity.Key ?? (connection?.IsTls == true ? "an unauthenticated TLS client" : "a plaintext client");
            if (peer is null && !config.Access.Permissive)
            {
                await DenyAsync(context, config, sourceName, context.Connection.LocalPort, "mutual TLS with a mesh certificate is required (this identity is not in permissive mode)").ConfigureAwait(false);
                return;
            }

            if (!TryResolvePort(context, served, portHeader, out var port, out var portProblem))
            {
                await MeshResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, portProblem).ConfigureAwait(false);
                return;
            }

            if (!config.AppPorts.TryGetValue(port, out var app) || app.Binding is not { } binding)
            {
                await DenyAsync(context, config, sourceName, port, $"port {port} is not a port this identity serves (served: {served.ServedPortList})").ConfigureAwait(false);
                return;
            }

            var decision = config.Access.Decide(peer?.Identity.Key, port, context.Request);
            if (!decision.Allowed)
            {
                await DenyAsync(context, config, sourceName, port, decision.Reason).ConfigureAwait(false);
                return;
            }

            if (config.InboundPolicies.TryGetValue(backend.Key, out var entries))
            {
                var caller = peer?.Identity.Key ?? "-";
                foreach (var entry in entries)
                {
                    if (!entry.Applies(port, context.Request))
                    {
                        continue;
                    }

                    accessLog = entry.AccessLog ?? accessLog;
                    policyOrigins = entry.Origins;
                    foreach (var limit in entry.RateLimits)
                    {
                        if ((limit.Sources.IsDefaultOrEmpty || limit.Sources.Contains(caller)) && !_limiters.TryAcquire(limit, caller, out var retryAfter))
                        {
                            _metrics.RateLimited(limit.Id, caller);
                            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                            await MeshResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, $"rate limited: {sourceName} exceeded {limit.Requests} requests per {limit.PeriodMs} ms to {backend.Key} (limit {limit.Id} of {entry.Origins})").ConfigureAwait(false);
                            return;
                        }
                    }
                }
            }

            if (peer is not null)
            {
                headers[MeshHeaders.ClientId] = peer.SpiffeId;
            }

            context.ReassignProxyRequest(binding.Route, binding.Cluster);
            await next(context).ConfigureAwait(false);
            if (context.Features.Get<IForwarderErrorFeature>() is { } error)
            {
                await MeshResponses.AnnotateAsync(context, $"the app at {_options.AppAddress}:{port} failed: {error.Error}: {error.Exception?.GetBaseException().Message}").ConfigureAwait(false);
            }
        }
        finally
        {
            if (config is not null && (accessLog ?? config.Document.AccessLog))
            {
                _accessLog.Write(new AccessLogRecord("inbound", source.Identity, config.Document.Identity.Key, destination.Key, backend.Key, string.Empty, Stopwatch.GetElapsedTime(started).TotalMilliseconds, policyOrigins), context);
            }

            _metrics.RecordInbound(new InboundRecord(source, destination, backend, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds), config?.Local ?? UnconfiguredLabels);
            _metrics.GrpcResponse(context, source.Identity, backend.Key);
        }
    }

    private Task DenyAsync(HttpContext context, CompiledConfig config, string source, int port, string why)
    {
        var path = context.Request.Path.HasValue ? context.Request.Path.Value! : "/";
        _logger.AccessDenied(context.Request.Method, path, source, port, why);
        return MeshResponses.WriteAsync(
            context,
            StatusCodes.Status403Forbidden,
            $"denied: {source} -> {config.Document.Identity.Key} port {port} {context.Request.Method} {path}: {why}");
    }

    /// <summary>
    /// The peer's <c>x-smi-destination-port</c>; else the port the connection arrived on if the app
    /// serves it; else the configured default; else the only port the identity serves.
    /// </summary>
    private bool TryResolvePort(HttpContext context, InboundServices served, string header, out int port, out string problem)
    {
        problem = string.Empty;

        // Set by the connection, not the caller: the app port a client without a proxy called
        // (iptables redirected it here), or the one a peer proxy's tunnel names.
        if (context.Features.Get<OriginalDestinationFeature>() is { } original)
        {
            port = original.Destination.Port;
            return true;
        }

        if (context.Features.Get<TunnelFeature>() is { } tunnel)
        {
            port = tunnel.AppPort;
            return true;
        }

        if (header.Length > 0)
        {
            if (int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535)
            {
                return true;
            }

            problem = $"{MeshHeaders.DestinationPort} \"{header}\" is not a port";
            return false;
        }

        port = context.Connection.LocalPort;
        if (served.ServedPorts.Contains(port))
        {
            return true;
        }

        if (_options.DefaultAppPort is { } fallback)
        {
            port = fallback;
            return true;
        }

        if (served.ServedPorts.Count == 1)
        {
            port = served.ServedPorts.First();
            return true;
        }

        problem = $"the request names no destination port ({MeshHeaders.DestinationPort}) and this identity serves {(served.ServedPorts.Count == 0 ? "no port" : "ports " + served.ServedPortList)}; set --default-app-port";
        return false;
    }

    private static ServiceLabel? Lookup(InboundServices served, string key) =>
        key.Length > 0 && served.ServicesByKey.TryGetValue(key, out var label) ? label : null;

    private static PeerLabels SourceLabels(PeerIdentityFeature connection, PeerIdentity peer, IHeaderDictionary headers)
    {
        var workload = Header(headers, MeshHeaders.SourceWorkload);
        var pod = Header(headers, MeshHeaders.SourcePod);
        if (connection.LastLabels is { } last && last.Workload == workload && last.Pod == pod)
        {
            return last.Labels;
        }

        var slash = workload.IndexOf('/', StringComparison.Ordinal);
        var labels = new PeerLabels(
            peer.Identity.Key,
            peer.SpiffeId,
            peer.Identity.Namespace,
            slash > 0 ? workload[..slash] : PeerLabels.Unknown,
            slash > 0 && slash < workload.Length - 1 ? workload[(slash + 1)..] : PeerLabels.Unknown,
            pod,
            MutualTls: true);
        connection.LastLabels = (workload, pod, labels);
        return labels;
    }

    private static string Header(IHeaderDictionary headers, string name)
    {
        var value = headers[name].ToString();
        return value.Length is > 0 and <= 253 ? value : PeerLabels.Unknown;
    }
}
