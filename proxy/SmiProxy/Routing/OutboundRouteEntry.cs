using Smi.ProxyConfig.Matching;
using SmiProxy.Clusters;
using SmiProxy.Matching;
using SmiProxy.Resilience;

namespace SmiProxy.Routing;

/// <summary>A compiled outbound route: what it matches, its weighted backends and its resilience.</summary>
internal sealed class OutboundRouteEntry
{
    public OutboundRouteEntry(string name, string balancerKey, HttpMatchSet matches, BackendEntry[] backends, SmoothWeightedRoundRobin balancer, RouteResilience resilience)
    {
        Name = name;
        BalancerKey = balancerKey;
        Matches = matches;
        Backends = backends;
        Balancer = balancer;
        Resilience = resilience;
    }

    public string Name { get; }

    /// <summary>"service:port/route": identifies the balancer so an unchanged route keeps its SWRR position across reloads.</summary>
    public string BalancerKey { get; }

    public HttpMatchSet Matches { get; }

    public BackendEntry[] Backends { get; }

    public SmoothWeightedRoundRobin Balancer { get; }

    public RouteResilience Resilience { get; }

    public bool IsMatch(HttpRequest request) => Matches.Accepts(request);

    /// <summary>
    /// Picks a backend by SWRR. When the picked backend has no endpoints at all, the request goes to
    /// the next backend that has some rather than failing; null when none has any.
    /// </summary>
    public BackendEntry? PickBackend()
    {
        var picked = Backends[Backends.Length == 1 ? 0 : Balancer.Next()];
        if (picked.HasEndpoints)
        {
            return picked;
        }

        for (var i = 0; i < Backends.Length; i++)
        {
            if (Balancer.Weights[i] > 0 && Backends[i].HasEndpoints)
            {
                return Backends[i];
            }
        }

        return null;
    }
}
