using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Cluster;

namespace Smi.Core.Tests.Builders;

/// <summary>Builds cluster snapshots in a few lines: workloads become pods, Services get endpoints from their selectors.</summary>
internal sealed class MeshBuilder
{
    private readonly List<NamespaceInfo> _namespaces = [];
    private readonly List<ServiceInfo> _services = [];
    private readonly List<PodInfo> _pods = [];
    private readonly List<ServiceAccountInfo> _accounts = [];
    private readonly List<TrafficSplit> _splits = [];
    private readonly List<TrafficTarget> _targets = [];
    private readonly List<HttpRouteGroup> _groups = [];
    private readonly List<L4Route> _l4 = [];
    private readonly List<TrafficPolicy> _policies = [];
    private int _nextIp = 1;

    public MeshOptions Mesh { get; set; } = new() { MeshUnlabelledNamespaces = true };

    public MeshBuilder Namespace(string name, bool permissive = false, bool? meshed = null)
    {
        var labels = ImmutableDictionary<string, string>.Empty;
        if (permissive)
        {
            labels = labels.Add(MeshConventions.PermissiveKey, "true");
        }

        if (meshed is { } m)
        {
            labels = labels.Add(MeshConventions.InjectKey, m ? "enabled" : "disabled");
        }

        _namespaces.Add(new NamespaceInfo(name) { Labels = labels });
        return this;
    }

    public MeshBuilder Workload(string ns, string name, string serviceAccount, string labels, int replicas = 1, int port = 8080, bool ready = true, bool proxy = true)
    {
        for (var i = 0; i < replicas; i++)
        {
            var ip = _nextIp++;
            _pods.Add(new PodInfo
            {
                Namespace = ns,
                Name = $"{name}-{i}",
                ServiceAccount = serviceAccount,
                Ip = $"10.0.{ip / 250}.{ip % 250 + 1}",
                Labels = ParseLabels(labels),
                Ready = ready,
                HasProxy = proxy,
                ContainerPorts = [new ContainerPortInfo("http", port)],
                Workload = new WorkloadRef("Deployment", name),
            });
        }

        return this;
    }

    public MeshBuilder Service(string ns, string name, string selector, int port = 80, string? targetPort = "8080", string? portName = "http", params int[] extraPorts)
    {
        var ports = ImmutableArray.Create(new ServicePortInfo(portName, port, targetPort));
        ports = ports.AddRange(extraPorts.Select(p => new ServicePortInfo($"p{p}", p, p.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        _services.Add(new ServiceInfo
        {
            Namespace = ns,
            Name = name,
            Selector = ParseLabels(selector),
            ClusterIp = $"10.96.0.{_services.Count + 1}",
            Ports = ports,
        });
        return this;
    }

    public MeshBuilder ServiceAccount(string ns, string name)
    {
        _accounts.Add(new ServiceAccountInfo(ns, name));
        return this;
    }

    public MeshBuilder Split(string ns, string name, string root, params (string Service, decimal Weight)[] backends) =>
        Split(ns, name, root, [], backends);

    public MeshBuilder Split(string ns, string name, string root, string[] matches, params (string Service, decimal Weight)[] backends)
    {
        _splits.Add(new TrafficSplit
        {
            Metadata = Meta(ns, name),
            SourceApiVersion = "split.smi-spec.io/v1alpha4",
            Service = root,
            Backends = [.. backends.Select(b => new TrafficSplitBackend(b.Service, b.Weight))],
            Matches = [.. matches.Select(m => new TypedLocalReference(SmiKinds.HttpRouteGroup, m))],
        });
        return this;
    }

    public MeshBuilder Add(TrafficSplit split)
    {
        _splits.Add(split);
        return this;
    }

    /// <summary>Adds a TrafficPolicy for <paramref name="target"/>; <paramref name="age"/> orders policies (lower is older).</summary>
    public MeshBuilder Policy(string ns, string name, string target, Func<TrafficPolicy, TrafficPolicy> configure, int age = 0)
    {
        var policy = new TrafficPolicy
        {
            Metadata = Meta(ns, name) with { CreationTimestamp = DateTimeOffset.UnixEpoch.AddMinutes(age) },
            SourceApiVersion = "policy.smi-operator.io/v1alpha1",
            TargetRef = new PolicyTargetRef(SmiKinds.Service, target),
        };
        _policies.Add(configure(policy));
        return this;
    }

    public MeshBuilder RouteGroup(string ns, string name, params HttpMatch[] matches)
    {
        _groups.Add(new HttpRouteGroup { Metadata = Meta(ns, name), SourceApiVersion = "specs.smi-spec.io/v1alpha4", Matches = [.. matches] });
        return this;
    }

    public MeshBuilder TcpRoute(string ns, string name, params int[] ports) => L4(SmiKinds.TcpRoute, ns, name, ports);

    public MeshBuilder UdpRoute(string ns, string name, params int[] ports) => L4(SmiKinds.UdpRoute, ns, name, ports);

    public MeshBuilder Target(string ns, string name, string destination, string[] sources, params TrafficTargetRule[] rules) =>
        Add(new TrafficTarget
        {
            Metadata = Meta(ns, name),
            SourceApiVersion = "access.smi-spec.io/v1alpha3",
            Destination = new IdentityReference(SmiKinds.ServiceAccount, destination, ns),
            Sources = [.. sources.Select(s => s.Contains('/', StringComparison.Ordinal)
                ? new IdentityReference(SmiKinds.ServiceAccount, s.Split('/')[1], s.Split('/')[0])
                : new IdentityReference(SmiKinds.ServiceAccount, s, ns))],
            Rules = [.. rules],
        });

    public MeshBuilder Add(TrafficTarget target)
    {
        _targets.Add(target);
        return this;
    }

    public static TrafficTargetRule Http(string group, params string[] matches) => new(SmiKinds.HttpRouteGroup, group, [.. matches]);

    public static TrafficTargetRule Tcp(string route) => new(SmiKinds.TcpRoute, route, []);

    public static TrafficTargetRule Udp(string route) => new(SmiKinds.UdpRoute, route, []);

    public static HttpMatch Match(string name, string? path = null, string[]? methods = null, params (string Name, string Regex)[] headers) => new()
    {
        Name = name,
        PathRegex = path,
        Methods = [.. methods ?? []],
        Headers = [.. headers.Select(h => new HeaderMatch(h.Name, h.Regex))],
    };

    public ClusterSnapshot Build()
    {
        var pods = _pods.ToImmutableArray();
        return new ClusterSnapshot
        {
            Mesh = Mesh,
            Namespaces = [.. _namespaces],
            Services = [.. _services],
            Pods = pods,
            EndpointSlices = EndpointSynthesizer.Synthesize(_services, pods),
            ServiceAccounts = [.. _accounts],
            TrafficSplits = [.. _splits],
            TrafficTargets = [.. _targets],
            HttpRouteGroups = [.. _groups],
            L4Routes = [.. _l4],
            TrafficPolicies = [.. _policies],
        };
    }

    private MeshBuilder L4(string kind, string ns, string name, int[] ports)
    {
        _l4.Add(new L4Route { Metadata = Meta(ns, name), SourceApiVersion = "specs.smi-spec.io/v1alpha4", RouteKind = kind, Ports = [.. ports] });
        return this;
    }

    private static ObjectMeta Meta(string ns, string name) => new() { Name = name, Namespace = ns, Generation = 1 };

    private static ImmutableDictionary<string, string> ParseLabels(string labels) =>
        labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(kv => kv.Split('='))
            .ToImmutableDictionary(kv => kv[0], kv => kv[1]);
}
