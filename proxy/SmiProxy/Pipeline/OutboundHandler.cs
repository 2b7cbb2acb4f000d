using System.Diagnostics;
using SmiProxy.Clusters;
using SmiProxy.Configuration;
using SmiProxy.Identity;
using SmiProxy.Policies;
using SmiProxy.Resilience;
using SmiProxy.Routing;
using SmiProxy.Settings;
using SmiProxy.Telemetry;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace SmiProxy.Pipeline;

/// <summary>
/// The outbound listener's request path: resolve the addressed Service and port, pick the first
/// matching route, pick a backend by SWRR, then hand the request to YARP on that backend's cluster
/// (YARP load-balances over its endpoints, applies passive health, and forwards). Adds the route's
/// request timeout and retries connect failures of idempotent requests on another endpoint.
/// Failures the proxy decides itself carry <c>x-smi-reason</c>.
/// </summary>
internal sealed class OutboundHandler
{
    /// <summary>Marks responses a TrafficPolicy fault delayed or aborted, so chaos tests can tell them apart.</summary>
    public const string FaultHeader = "x-smi-fault";

    private static readonly LocalLabels UnconfiguredLabels = LocalLabels.Create("unknown", "unknown", new WorkloadInfo("unknown", "unknown", "unknown", "unknown"));

    private readonly ProxyState _state;
    private readonly ProxyMetrics _metrics;
    private readonly MirrorSender _mirrors;
    private readonly AccessLogWriter _accessLog;
    private readonly string _sourcePod;

    public OutboundHandler(ProxyState state, ProxyMetrics metrics, MirrorSender mirrors, AccessLogWriter accessLog, SidecarProxyOptions options)
    {
        _state = state;
        _metrics = metrics;
        _mirrors = mirrors;
        _accessLog = accessLog;
        _sourcePod = string.IsNullOrEmpty(options.PodName) ? WorkloadInfo.Unknown : options.PodName;
    }

    public async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var config = _state.Active;
        OutboundRequestState? request = null;
        OutboundPolicyEntry? policy = null;
        var destinationService = "unknown";
        try
        {
            if (config is null)
            {
                await MeshResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "the proxy has not loaded a config yet").ConfigureAwait(false);
                return;
            }

            if (HttpMethods.IsConnect(context.Request.Method))
            {
                // HTTPS through HTTP_PROXY arrives as CONNECT; the mesh adds mTLS itself, so apps call mesh services over http.
                await MeshResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "CONNECT tunnels are not supported: call mesh services over http:// (the mesh encrypts between pods), and exclude other destinations with NO_PROXY").ConfigureAwait(false);
                return;
            }

            MeshHeaders.Strip(context.Request.Headers);
            var original = context.Features.Get<OriginalDestinationFeature>()?.Destination;
            var lookup = config.Outbound.Resolve(context.Request, original);
            switch (lookup.Kind)
            {
                case OutboundLookupKind.BadHost:
                    await MeshResponses.WriteAsync(context, StatusCodes.Status400BadRequest, $"no usable Host in the request (\"{lookup.Target}\")").ConfigureAwait(false);
                    return;
                case OutboundLookupKind.UnknownService when original is not null:
                    // Only registry-only mode sends HTTP to an unknown original destination here.
                    await MeshResponses.WriteAsync(context, StatusCodes.Status502BadGateway, $"registry-only: {lookup.Target} ({original}) is not a Service of the mesh, and the mesh's outbound traffic policy refuses destinations outside it").ConfigureAwait(false);
                    return;
                case OutboundLookupKind.UnknownService:
                    await MeshResponses.WriteAsync(context, StatusCodes.Status502BadGateway, $"unknown service \"{lookup.Target}\": {config.Document.Identity.Key} has no route to it").ConfigureAwait(false);
                    return;
                case OutboundLookupKind.DeniedService:
                    destinationService = lookup.Target;
                    await MeshResponses.WriteAsync(context, StatusCodes.Status403Forbidden, $"{config.Document.Identity.Key} may not call {lookup.Target}: no TrafficTarget allows it").ConfigureAwait(false);
                    return;
                case OutboundLookupKind.UnknownPort:
                    destinationService = lookup.Service!.Key;
                    await MeshResponses.WriteAsync(context, StatusCodes.Status502BadGateway, $"service {lookup.Service.Key} has no port {lookup.Target[(lookup.Target.LastIndexOf(':') + 1)..]} (ports: {lookup.Service.PortList})").ConfigureAwait(false);
                    return;
            }

            var service = lookup.Service!;
            destinationService = service.Key;
            var route = lookup.Port!.Select(context.Request);
            var backend = route.PickBackend();
            if (backend?.Binding is not { } binding)
            {
                await MeshResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, $"no ready endpoints for {service.Key}:{lookup.Port.Port} route {route.Name} (backends: {string.Join(", ", route.Backends.Select(b => b.Service))})").ConfigureAwait(false);
                return;
            }

            policy = lookup.Port.SelectPolicy(context.Request);
            if (policy?.Fault is { } fault)
            {
                if (fault.Abort is { } abort && OutboundPolicyEntry.Roll(abort.Percent))
                {
                    _metrics.FaultInjected("abort", policy.Origins);
                    context.Response.Headers[FaultHeader] = "abort";
                    await MeshResponses.WriteAsync(context, abort.StatusCode, $"fault injected by {policy.Origins}: abort with {abort.StatusCode}").ConfigureAwait(false);
                    return;
                }

                if (fault.Delay is { } delay && OutboundPolicyEntry.Roll(delay.Percent))
                {
                    _metrics.FaultInjected("delay", policy.Origins);
                    context.Response.Headers[FaultHeader] = "delay";
                    await Task.Delay(delay.DelayMs, context.RequestAborted).ConfigureAwait(false);
                }
            }

            if (policy?.Mirror is { } mirror)
            {
                _mirrors.MaybeSend(context, mirror, config.TrustDomain, config.Local.WorkloadHeader, _sourcePod);
            }

            policy?.RetryBudget?.OnRequest();
            request = new OutboundRequestState(config, service, route, backend) { Policy = policy };
            context.Features.Set(request);
            await ForwardAsync(context, next, request, binding).ConfigureAwait(false);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (config is not null && (policy?.AccessLog ?? config.Document.AccessLog))
            {
                _accessLog.Write(
                    new AccessLogRecord("outbound", config.Document.Identity.Key, request?.Endpoint?.Identity ?? "unknown", destinationService, request?.Backend.Service ?? string.Empty, request?.Route.Name ?? string.Empty, elapsed, policy?.Origins),
                    context);
            }

            _metrics.RecordOutbound(
                new OutboundRecord(
                    request?.Endpoint?.Identity ?? "unknown",
                    destinationService,
                    request?.Backend.Service ?? string.Empty,
                    context.Response.StatusCode,
                    elapsed),
                config?.Local ?? UnconfiguredLabels);
        }
    }

    private static async Task ForwardAsync(HttpContext context, RequestDelegate next, OutboundRequestState request, ClusterBinding binding)
    {
        var resilience = request.Policy?.Resilience ?? request.Route.Resilience;
        var deadline = new RequestDeadline(context, resilience.RequestTimeout);
        request.Deadline = deadline;
        List<DestinationState>? tried = null;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                context.ReassignProxyRequest(binding.Route, binding.Cluster);
                if (tried is not null)
                {
                    ExcludeTried(context, tried);
                }

                await next(context).ConfigureAwait(false);
                var error = context.Features.Get<IForwarderErrorFeature>();
                if (attempt >= resilience.RetryAttempts || deadline.TimedOut || !RetryDecision.CanRetry(context, error) || request.Policy?.RetryBudget?.TryRetry() == false)
                {
                    break;
                }

                if (context.GetReverseProxyFeature().ProxiedDestination is { } failed)
                {
                    (tried ??= []).Add(failed);
                }

                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Features.Set<IForwarderErrorFeature>(null);
            }
        }
        finally
        {
            deadline.Dispose();
        }

        if (deadline.TimedOut)
        {
            await MeshResponses.WriteAsync(context, StatusCodes.Status504GatewayTimeout, $"{request.Backend.Service} did not answer within {resilience.RequestTimeout.TotalMilliseconds:0} ms (route {request.Route.Name} of {request.Service.Key})").ConfigureAwait(false);
        }
        else if (context.Features.Get<IForwarderErrorFeature>() is { } error && !context.Response.HasStarted)
        {
            var endpoint = context.GetReverseProxyFeature().ProxiedDestination?.Model.Config.Address ?? "no endpoint";
            var cause = error.Exception is { } exception ? Innermost(exception) : error.Error.ToString();
            await MeshResponses.AnnotateAsync(context, $"{request.Backend.Service} ({endpoint}) failed: {error.Error}: {cause}").ConfigureAwait(false);
        }
    }

    /// <summary>Retries go to endpoints not tried yet, when any is left.</summary>
    private static void ExcludeTried(HttpContext context, List<DestinationState> tried)
    {
        var feature = context.GetReverseProxyFeature();
        var remaining = feature.AvailableDestinations.Where(d => !tried.Contains(d)).ToArray();
        if (remaining.Length > 0)
        {
            feature.AvailableDestinations = remaining;
        }
    }

    private static string Innermost(Exception exception)
    {
        // The mesh's own connect errors say what failed and where; deeper ones are socket detail.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MeshConnectException)
            {
                return e.Message;
            }
        }

        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message;
    }
}
