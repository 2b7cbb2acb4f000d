using System.Net;
using System.Collections.Frozen;
using Smi.ProxyConfig;
using SmiProxy.Clusters;

namespace SmiProxy.Routing;

/// <summary>
/// The outbound side of a compiled config: every name a reachable (or denied) Service answers to —
/// <c>name</c> (own namespace only), <c>name.ns</c>, <c>name.ns.svc</c>, <c>name.ns.svc.&lt;cluster-domain&gt;</c>
/// and its ClusterIP — mapped to the Service, looked up without allocating.
/// </summary>
internal sealed class OutboundRoutingTable
{
    private readonly FrozenDictionary<string, OutboundServiceEntry>.AlternateLookup<ReadOnlySpan<char>> _services;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _denied;

    public OutboundRoutingTable(FrozenDictionary<string, OutboundServiceEntry> servicesByHost, FrozenDictionary<string, string> deniedByHost, IReadOnlyList<OutboundServiceEntry> services, DestinationIndex? destinations = null)
    {
        Destinations = destinations ?? DestinationIndex.Empty;
        _services = servicesByHost.GetAlternateLookup<ReadOnlySpan<char>>();
        _denied = deniedByHost.GetAlternateLookup<ReadOnlySpan<char>>();
        Services = services;
        Backends = services.SelectMany(s => s.Ports.Values).SelectMany(p => p.Routes).SelectMany(r => r.Backends)
            .Concat(services.SelectMany(s => s.Ports.Values).SelectMany(p => p.Policies).Select(p => p.Mirror?.Backend).OfType<BackendEntry>())
            .Distinct()
            .ToArray();
        Routes = services.SelectMany(s => s.Ports.Values).SelectMany(p => p.Routes).ToArray();
    }

    public IReadOnlyList<OutboundServiceEntry> Services { get; }

    /// <summary>Original destinations (ClusterIP:port, pod IP:port) of intercepted connections.</summary>
    public DestinationIndex Destinations { get; }

    /// <summary>Every backend of every route (to bind them to YARP clusters).</summary>
    public IReadOnlyList<BackendEntry> Backends { get; }

    /// <summary>Every route (to carry SWRR balancers over to the next config).</summary>
    public IReadOnlyList<OutboundRouteEntry> Routes { get; }

    /// <summary>
    /// The Service and port a request addresses: the Service at the connection's original
    /// destination (a ClusterIP:port, when iptables redirected it), else the one its Host names.
    /// </summary>
    public OutboundLookup Resolve(HttpRequest request, IPEndPoint? originalDestination)
    {
        if (originalDestination is not null && Destinations.TryGetService(originalDestination, out var service, out var port))
        {
            return new OutboundLookup(OutboundLookupKind.Found, service, port, service.Key);
        }

        return Resolve(request);
    }

    public OutboundLookup Resolve(HttpRequest request)
    {
        var authority = request.Headers.Host.ToString();
        if (!HostAuthority.TryParse(authority, out var host, out var port))
        {
            return OutboundLookup.Fail(OutboundLookupKind.BadHost, authority);
        }

        if (!_services.TryGetValue(host, out var service))
        {
            return _denied.TryGetValue(host, out var denied)
                ? OutboundLookup.Fail(OutboundLookupKind.DeniedService, denied)
                : OutboundLookup.Fail(OutboundLookupKind.UnknownService, authority);
        }

        return service.Ports.TryGetValue(port, out var portEntry)
            ? new OutboundLookup(OutboundLookupKind.Found, service, portEntry, service.Key)
            : new OutboundLookup(OutboundLookupKind.UnknownPort, service, null, $"{service.Key}:{port}");
    }

    /// <summary>The names a Service answers to (lower case, no trailing dot).</summary>
    public static IEnumerable<string> HostAliases(ServiceKey service, string ownNamespace, string clusterDomain, string? clusterIp)
    {
        if (service.Namespace == ownNamespace)
        {
            yield return service.Name;
        }

        var key = service.ToString();
        yield return key;
        yield return $"{key}.svc";
        yield return $"{key}.svc.{clusterDomain.TrimEnd('.')}";
        if (!string.IsNullOrEmpty(clusterIp))
        {
            yield return clusterIp;
        }
    }
}
