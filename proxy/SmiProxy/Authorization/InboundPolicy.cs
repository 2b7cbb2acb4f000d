using System.Collections.Frozen;
using SmiProxy.Routing;
using SmiProxy.Telemetry;

namespace SmiProxy.Authorization;

/// <summary>
/// The inbound side of a compiled config: permissive mode, the access rules, the container ports the
/// app serves and the Services (with their apexes) it serves, for labelling requests.
/// </summary>
internal sealed class InboundPolicy
{
    private readonly FrozenDictionary<string, ServiceLabel>.AlternateLookup<ReadOnlySpan<char>> _servicesByHost;

    public InboundPolicy(
        bool permissive,
        AccessRuleEntry[] rules,
        FrozenSet<int> servedPorts,
        FrozenDictionary<string, ServiceLabel> servicesByKey,
        FrozenDictionary<string, ServiceLabel> servicesByHost,
        FrozenDictionary<string, ServiceLabel> apexByService)
    {
        Permissive = permissive;
        Rules = rules;
        ServedPorts = servedPorts;
        ServicesByKey = servicesByKey;
        ApexByService = apexByService;
        _servicesByHost = servicesByHost.GetAlternateLookup<ReadOnlySpan<char>>();
        ServedPortList = servedPorts.Count == 0 ? "none" : string.Join(", ", servedPorts.Order());
    }

    public bool Permissive { get; }

    public AccessRuleEntry[] Rules { get; }

    /// <summary>Container ports of the Services this identity serves: the only ports traffic is forwarded to.</summary>
    public FrozenSet<int> ServedPorts { get; }

    public string ServedPortList { get; }

    /// <summary>Served Services and their apexes by "name.namespace".</summary>
    public FrozenDictionary<string, ServiceLabel> ServicesByKey { get; }

    /// <summary>For a served Service with exactly one apex, that apex (what clients addressed).</summary>
    public FrozenDictionary<string, ServiceLabel> ApexByService { get; }

    /// <summary>Finds the served Service (or apex) a Host header names, for requests that carry no mesh headers.</summary>
    public ServiceLabel? FindByHost(string? authority)
    {
        return HostAuthority.TryParse(authority, out var host, out _) && _servicesByHost.TryGetValue(host, out var service) ? service : null;
    }

    public AccessDecision Decide(string? source, int port, HttpRequest request)
    {
        if (Permissive)
        {
            return new AccessDecision(true, "permissive mode");
        }

        if (source is null)
        {
            return new AccessDecision(false, "the caller has no mesh identity (no client certificate) and this identity is not in permissive mode");
        }

        List<string>? knowSource = null;
        foreach (var rule in Rules)
        {
            if (rule.Allows(source, port, request))
            {
                return new AccessDecision(true, rule.Origin);
            }

            if (rule.Sources.Contains(source))
            {
                (knowSource ??= []).Add(rule.Origin);
            }
        }

        return knowSource is null
            ? new AccessDecision(false, "no TrafficTarget allows this source")
            : new AccessDecision(false, $"{string.Join(", ", knowSource)} allow{(knowSource.Count == 1 ? "s" : string.Empty)} this source, but not this port or route");
    }
}
