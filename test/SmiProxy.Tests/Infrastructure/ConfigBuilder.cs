using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>Writes ProxyConfig documents by hand, the way the compiler would, for one identity.</summary>
internal sealed class ConfigBuilder
{
    private readonly ProxyIdentity _identity;
    private readonly List<InboundService> _inbound = [];
    private readonly List<AccessRule> _rules = [];
    private readonly List<OutboundService> _services = [];
    private readonly List<BackendCluster> _clusters = [];
    private readonly List<string> _denied = [];
    private bool _permissive;
    private string _trustDomain = "cluster.local";
    private ResilienceSettings _defaults = ResilienceSettings.Default;

    public ConfigBuilder(string ns, string serviceAccount) => _identity = new ProxyIdentity(ns, serviceAccount);

    public ConfigBuilder(ProxyIdentity identity) => _identity = identity;

    public ConfigBuilder Permissive(bool permissive = true)
    {
        _permissive = permissive;
        return this;
    }

    public ConfigBuilder TrustDomain(string trustDomain)
    {
        _trustDomain = trustDomain;
        return this;
    }

    public ConfigBuilder Defaults(ResilienceSettings defaults)
    {
        _defaults = defaults;
        return this;
    }

    /// <summary>This identity's pods serve <paramref name="name"/> (in the identity's namespace) on port → targetPort.</summary>
    public ConfigBuilder Serves(string name, int port, int targetPort, params string[] apexServices)
    {
        _inbound.Add(new InboundService
        {
            Namespace = _identity.Namespace,
            Name = name,
            ApexServices = [.. apexServices],
            Ports = [new ServicePortMapping(port, targetPort, "http", AppProtocol.Http)],
        });
        return this;
    }

    public ConfigBuilder Allow(string origin, string[] sources, int[]? ports = null, params HttpRouteMatch[] matches)
    {
        _rules.Add(new AccessRule { Origin = origin, Sources = [.. sources], Ports = ports is null ? [] : [.. ports], HttpMatches = [.. matches] });
        return this;
    }

    /// <summary>A backend cluster "ns/service:port" holding <paramref name="endpoints"/>.</summary>
    public ConfigBuilder Cluster(string service, int port, params Endpoint[] endpoints) => Cluster(_identity.Namespace, service, port, endpoints);

    public ConfigBuilder Cluster(string ns, string service, int port, params Endpoint[] endpoints)
    {
        _clusters.Add(new BackendCluster { Id = ClusterId(ns, service, port), Namespace = ns, Service = service, Port = port, Endpoints = [.. endpoints] });
        return this;
    }

    /// <summary>A reachable Service (in the identity's namespace) with one port and its ordered routes.</summary>
    public ConfigBuilder Service(string name, int port, string? clusterIp, params OutboundRoute[] routes) => Service(_identity.Namespace, name, port, clusterIp, routes);

    public ConfigBuilder Service(string ns, string name, int port, string? clusterIp, params OutboundRoute[] routes)
    {
        _services.Add(new OutboundService
        {
            Namespace = ns,
            Name = name,
            ClusterIp = clusterIp,
            Ports = [new OutboundPort { Port = port, Routes = [.. routes] }],
        });
        return this;
    }

    /// <summary>A plain Service: one catch-all route to its own cluster.</summary>
    public ConfigBuilder PlainService(string name, int port, params Endpoint[] endpoints) =>
        Cluster(name, port, endpoints).Service(name, port, null, Route("default", Backend(name, port, 1)));

    public ConfigBuilder Deny(string serviceKey)
    {
        _denied.Add(serviceKey);
        return this;
    }

    public MeshProxyConfig Build() => ProxyConfigSerializer.WithRevision(new MeshProxyConfig
    {
        Identity = _identity,
        Mesh = new MeshSettings { TrustDomain = _trustDomain },
        Inbound = new InboundConfig
        {
            Permissive = _permissive,
            Services = [.. _inbound.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)],
            Rules = [.. _rules.OrderBy(r => r.Origin, StringComparer.Ordinal)],
        },
        Outbound = new OutboundConfig
        {
            Services = [.. _services.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)],
            Clusters = [.. _clusters.OrderBy(c => c.Id, StringComparer.Ordinal)],
            DeniedServices = [.. _denied.Order(StringComparer.Ordinal).Select(ServiceKey.Parse)],
        },
        Defaults = _defaults,
    });

    public string ClusterId(string service, int port) => ClusterId(_identity.Namespace, service, port);

    public static string ClusterId(string ns, string service, int port) => $"{ns}/{service}:{port}";

    public WeightedBackend Backend(string service, int port, long weight) => new(new ServiceKey(_identity.Namespace, service), ClusterId(service, port), weight);

    public static OutboundRoute Route(string name, params WeightedBackend[] backends) =>
        new() { Name = name, Backends = [.. backends] };

    public static OutboundRoute Route(string name, HttpRouteMatch match, params WeightedBackend[] backends) =>
        new() { Name = name, Matches = [match], Backends = [.. backends] };

    public static HttpRouteMatch Match(string origin, string? pathRegex = null, string[]? methods = null, params HeaderCondition[] headers) =>
        new() { Origin = origin, PathRegex = pathRegex, Methods = methods is null ? [] : [.. methods], Headers = [.. headers] };

    /// <summary>An unmeshed endpoint: plain HTTP straight to the app.</summary>
    public static Endpoint Plain(EchoServer app) => new() { Address = app.Endpoint.Address.ToString(), Port = app.Port, Pod = app.Name };

    public static Endpoint Plain(System.Net.IPAddress address, int port, string pod) => new() { Address = address.ToString(), Port = port, Pod = pod };

    public static ImmutableArray<T> List<T>(params T[] items) => [.. items];
}
