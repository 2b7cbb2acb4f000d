using System.Globalization;
using System.Runtime.CompilerServices;
using SmiProxy.Clusters;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace SmiProxy.Pipeline;

/// <summary>
/// Outlier ejection as a YARP passive health policy: N consecutive failures of an endpoint
/// (a connect or transport error, a request timeout, or a 5xx) mark it unhealthy for the cluster's
/// reactivation period through YARP's <see cref="IDestinationHealthUpdater"/>. Any success resets
/// the count. YARP's HealthyOrPanic policy keeps traffic flowing if every endpoint is ejected.
/// </summary>
internal sealed class ConsecutiveFailuresPolicy : IPassiveHealthCheckPolicy
{
    private static readonly TimeSpan DefaultReactivation = TimeSpan.FromSeconds(10);

    private readonly IDestinationHealthUpdater _healthUpdater;
    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failures = [];

    public ConsecutiveFailuresPolicy(IDestinationHealthUpdater healthUpdater) => _healthUpdater = healthUpdater;

    public string Name => YarpClusters.OutlierPolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var counter = _failures.GetValue(destination, static _ => new StrongBox<int>());
        if (!IsFailure(context))
        {
            if (Volatile.Read(ref counter.Value) != 0)
            {
                Volatile.Write(ref counter.Value, 0);
            }

            return;
        }

        var config = cluster.Model.Config;
        var threshold = config.Metadata?.TryGetValue(YarpClusters.OutlierThresholdKey, out var value) == true && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 5;
        if (Interlocked.Increment(ref counter.Value) >= threshold)
        {
            Volatile.Write(ref counter.Value, 0);
            _healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivation);
        }
    }

    private static bool IsFailure(HttpContext context)
    {
        if (context.Features.Get<IForwarderErrorFeature>() is { } error)
        {
            // Failures the client caused say nothing about the endpoint.
            return error.Error is not (ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
                or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient)
                || context.Features.Get<OutboundRequestState>()?.Deadline?.TimedOut == true;
        }

        return context.Response.StatusCode >= StatusCodes.Status500InternalServerError;
    }
}
