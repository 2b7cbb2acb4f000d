using System.Collections.Frozen;
using System.Net;
using Smi.ProxyConfig;

namespace SmiProxy.Routing;

/// <summary>
/// Maps an intercepted connection's original destination to what it addresses: a Service port
/// (one of its ClusterIPs and a Service port) or a pod endpoint (pod IP and container port);
/// anything else is outside the mesh.
/// </summary>
internal sealed class DestinationIndex
{
    public static readonly DestinationIndex Empty = new(FrozenDictionary<IPEndPoint, (OutboundServiceEntry, OutboundPortEntry)>.Empty, FrozenDictionary<IPEndPoint, EndpointTarget>.Empty);

    private readonly FrozenDictionary<IPEndPoint, (OutboundServiceEntry Service, OutboundPortEntry Port)> _services;
    private readonly FrozenDictionary<IPEndPoint, EndpointTarget> _endpoints;

    private DestinationIndex(FrozenDictionary<IPEndPoint, (OutboundServiceEntry, OutboundPortEntry)> services, FrozenDictionary<IPEndPoint, EndpointTarget> endpoints)
    {
        _services = services;
        _endpoints = endpoints;
    }

    public static DestinationIndex Build(MeshProxyConfig document, IReadOnlyDictionary<ServiceKey, OutboundServiceEntry> entries)
    {
        var services = new Dictionary<IPEndPoint, (OutboundServiceEntry, OutboundPortEntry)>();
        foreach (var service in document.Outbound.Services)
        {
            if (!entries.TryGetValue(service.Key, out var entry))
            {
                continue;
            }

            var addresses = (service.ClusterIps.IsDefaultOrEmpty ? [] : service.ClusterIps.AsEnumerable()).Prepend(service.ClusterIp);
            foreach (var text in addresses.Distinct())
            {
                if (text is null || !IPAddress.TryParse(text, out var address))
                {
                    continue;
                }

                foreach (var (port, portEntry) in entry.Ports)
                {
                    services.TryAdd(new IPEndPoint(address, port), (entry, portEntry));
                }
            }
        }

        var endpoints = new Dictionary<IPEndPoint, EndpointTarget>();
        foreach (var cluster in document.Outbound.Clusters)
        {
            foreach (var endpoint in cluster.Endpoints)
            {
                if (IPAddress.TryParse(endpoint.Address, out var address))
                {
                    endpoints.TryAdd(new IPEndPoint(address, endpoint.Port), new EndpointTarget(cluster.ServiceKey, endpoint));
                }
            }
        }

        return new DestinationIndex(services.ToFrozenDictionary(), endpoints.ToFrozenDictionary());
    }

    /// <summary>The Service port at a ClusterIP:port.</summary>
    public bool TryGetService(IPEndPoint destination, out OutboundServiceEntry service, out OutboundPortEntry port)
    {
        if (_services.TryGetValue(Normalize(destination), out var found))
        {
            (service, port) = found;
            return true;
        }

        (service, port) = (null!, null!);
        return false;
    }

    /// <summary>The endpoint at a pod IP:port.</summary>
    public bool TryGetEndpoint(IPEndPoint destination, out EndpointTarget endpoint) => _endpoints.TryGetValue(Normalize(destination), out endpoint!);

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
