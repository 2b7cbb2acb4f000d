using Smi.ProxyConfig;

namespace SmiProxy.Resilience;

/// <summary>
/// The per-cluster part of <see cref="ResilienceSettings"/>: load balancing and outlier ejection
/// belong to a backend's endpoints, not to one route. A cluster takes the overrides of the first
/// route (in document order) that targets it and sets them, else the defaults.
/// </summary>
/// <param name="LoadBalancing">YARP load-balancing policy name.</param>
/// <param name="OutlierConsecutiveFailures">Consecutive failures (connect errors, timeouts, 5xx) that eject an endpoint.</param>
/// <param name="OutlierEjection">How long an ejected endpoint stays out.</param>
internal sealed record ClusterResilience(string LoadBalancing, int OutlierConsecutiveFailures, TimeSpan OutlierEjection)
{
    public static ClusterResilience Resolve(ResilienceSettings defaults, ResilienceSettings? route)
    {
        var d = ResilienceSettings.Default;
        return new ClusterResilience(
            route?.LoadBalancing ?? defaults.LoadBalancing ?? d.LoadBalancing!,
            route?.OutlierConsecutiveFailures ?? defaults.OutlierConsecutiveFailures ?? d.OutlierConsecutiveFailures!.Value,
            TimeSpan.FromMilliseconds(route?.OutlierEjectionMs ?? defaults.OutlierEjectionMs ?? d.OutlierEjectionMs!.Value));
    }
}
