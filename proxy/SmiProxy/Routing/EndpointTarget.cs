using Smi.ProxyConfig;
using Endpoint = Smi.ProxyConfig.Endpoint;

namespace SmiProxy.Routing;

/// <summary>A pod endpoint the config knows, as an original destination (pod IP and container port) maps to it.</summary>
/// <param name="Service">The Service whose cluster lists it.</param>
/// <param name="Endpoint">The endpoint: meshed when it has an inbound port and an identity.</param>
internal sealed record EndpointTarget(ServiceKey Service, Endpoint Endpoint)
{
    public bool IsMeshed => Endpoint.InboundPort is not null && Endpoint.Identity is not null;
}
