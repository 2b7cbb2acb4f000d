using System.Collections.Frozen;
using SmiProxy.Routing;
using SmiProxy.Telemetry;

namespace SmiProxy.Inbound;

/// <summary>
/// The Services a compiled config serves on the inbound side: the container ports the app serves
/// (the only ports traffic is forwarded to) and the Services, with their apexes, for labelling
/// requests. Access rules are the config's <see cref="Smi.ProxyConfig.Matching.AccessRuleSet"/>.
/// </summary>
internal sealed class InboundServices
{
    private readonly FrozenDictionary<string, ServiceLabel>.AlternateLookup<ReadOnlySpan<char>> _servicesByHost;

    public InboundServices(
        FrozenSet<int> servedPorts,
        FrozenDictionary<string, ServiceLabel> servicesByKey,
        FrozenDictionary<string, ServiceLabel> servicesByHost,
        FrozenDictionary<string, ServiceLabel> apexByService)
    {
        ServedPorts = servedPorts;
        ServicesByKey = servicesByKey;
        ApexByService = apexByService;
        _servicesByHost = servicesByHost.GetAlternateLookup<ReadOnlySpan<char>>();
        ServedPortList = servedPorts.Count == 0 ? "none" : string.Join(", ", servedPorts.Order());
    }

    /// <summary>Container ports of the Services this identity serves: the only ports traffic is forwarded to.</summary>
    public FrozenSet<int> ServedPorts { get; }

    public string ServedPortList { get; }

    /// <summary>
    /// Served Services and their apexes by their <see cref="Smi.ProxyConfig.ServiceKey"/> text, the
    /// form the mesh headers carry (so a header is looked up as it arrives, without parsing).
    /// </summary>
    public FrozenDictionary<string, ServiceLabel> ServicesByKey { get; }

    /// <summary>For a served Service with exactly one apex, that apex (what clients addressed).</summary>
    public FrozenDictionary<string, ServiceLabel> ApexByService { get; }

    /// <summary>Finds the served Service (or apex) a Host header names, for requests that carry no mesh headers.</summary>
    public ServiceLabel? FindByHost(string? authority)
    {
        return HostAuthority.TryParse(authority, out var host, out _) && _servicesByHost.TryGetValue(host, out var service) ? service : null;
    }
}
