using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Cluster;

namespace Smi.Bench.Compiler;

/// <summary>
/// A deny-by-default mesh at scale: <c>apps</c> applications spread over 10 namespaces, each with a
/// root Service and a canary Service (so 2 Services per app), one ServiceAccount, a TrafficSplit
/// (canary 10 / root 90), and a TrafficTarget + HTTPRouteGroup letting the three previous apps call
/// it. 1000 apps give 2 k Services and 1 k TrafficSplits; <c>podsPerApp</c> sets the pod count.
/// </summary>
internal static class SyntheticMesh
{
    public static ClusterSnapshot Build(int apps, int podsPerApp)
    {
        var namespaces = Enumerable.Range(0, 10).Select(i => new NamespaceInfo($"ns{i}")).ToImmutableArray();
        var services = ImmutableArray.CreateBuilder<ServiceInfo>();
        var pods = ImmutableArray.CreateBuilder<PodInfo>();
        var accounts = ImmutableArray.CreateBuilder<ServiceAccountInfo>();
        var splits = ImmutableArray.CreateBuilder<TrafficSplit>();
        var targets = ImmutableArray.CreateBuilder<TrafficTarget>();
        var groups = ImmutableArray.CreateBuilder<HttpRouteGroup>();
        for (var app = 0; app < apps; app++)
        {
            var ns = Namespace(app);
            var name = $"app{app}";
            accounts.Add(new ServiceAccountInfo(ns, name));
            services.Add(Service(ns, name, ("app", name)));
            services.Add(Service(ns, $"{name}-canary", ("app", name), ("track", "canary")));
            for (var p = 0; p < podsPerApp; p++)
            {
                var index = (app * podsPerApp) + p;
                pods.Add(new PodInfo
                {
                    Namespace = ns,
                    Name = $"{name}-{p}",
                    ServiceAccount = name,
                    Ip = $"10.{(index >> 16) & 0xFF}.{(index >> 8) & 0xFF}.{index & 0xFF}",
                    Labels = p == 0
                        ? ImmutableDictionary<string, string>.Empty.Add("app", name).Add("track", "canary")
                        : ImmutableDictionary<string, string>.Empty.Add("app", name).Add("track", "stable"),
                    HasProxy = true,
                    ContainerPorts = [new ContainerPortInfo("http", 8080)],
                    Workload = new WorkloadRef("Deployment", name),
                });
            }

            splits.Add(new TrafficSplit
            {
                Metadata = Meta(ns, name),
                SourceApiVersion = "split.smi-spec.io/v1alpha4",
                Service = name,
                Backends = [new TrafficSplitBackend($"{name}-canary", 10), new TrafficSplitBackend(name, 90)],
            });
            groups.Add(new HttpRouteGroup
            {
                Metadata = Meta(ns, name),
                SourceApiVersion = "specs.smi-spec.io/v1alpha4",
                Matches = [new HttpMatch { Name = "api", PathRegex = "/api/.*", Methods = ["GET", "POST"] }],
            });
            targets.Add(new TrafficTarget
            {
                Metadata = Meta(ns, name),
                SourceApiVersion = "access.smi-spec.io/v1alpha3",
                Destination = new IdentityReference(SmiKinds.ServiceAccount, name, ns),
                Rules = [new TrafficTargetRule(SmiKinds.HttpRouteGroup, name, ["api"])],
                Sources = [.. Enumerable.Range(1, 3).Select(d => (app - d + apps) % apps).Select(c => new IdentityReference(SmiKinds.ServiceAccount, $"app{c}", Namespace(c)))],
            });
        }

        var podArray = pods.ToImmutable();
        var serviceArray = services.ToImmutable();
        return new ClusterSnapshot
        {
            Namespaces = namespaces,
            Services = serviceArray,
            Pods = podArray,
            EndpointSlices = EndpointSynthesizer.Synthesize(serviceArray, podArray),
            ServiceAccounts = accounts.ToImmutable(),
            TrafficSplits = splits.ToImmutable(),
            TrafficTargets = targets.ToImmutable(),
            HttpRouteGroups = groups.ToImmutable(),
            Mesh = new MeshOptions { MeshUnlabelledNamespaces = true },
        };
    }

    /// <summary>The same mesh with one pod of app 0 turned not-ready (one endpoint change).</summary>
    public static ClusterSnapshot WithOneEndpointChange(ClusterSnapshot snapshot)
    {
        var slices = snapshot.EndpointSlices;
        var index = slices.IndexOf(slices.First(s => s.ServiceName == "app0"));
        var slice = slices[index];
        var endpoint = slice.Endpoints[^1];
        var changed = slice with { Endpoints = slice.Endpoints.SetItem(slice.Endpoints.Length - 1, endpoint with { Ready = false }) };
        return snapshot with { EndpointSlices = slices.SetItem(index, changed) };
    }

    private static string Namespace(int app) => $"ns{app % 10}";

    private static ServiceInfo Service(string ns, string name, params (string Key, string Value)[] selector) => new()
    {
        Namespace = ns,
        Name = name,
        Selector = selector.ToImmutableDictionary(s => s.Key, s => s.Value),
        ClusterIp = null,
        Ports = [new ServicePortInfo("http", 80, "8080")],
    };

    private static ObjectMeta Meta(string ns, string name) => new() { Namespace = ns, Name = name, Generation = 1 };
}
