using System.Collections.Immutable;
using Smi.Core.Cluster;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// The mesh compiler: a pure, deterministic function from a <see cref="ClusterSnapshot"/> to one
/// <see cref="MeshProxyConfig"/> per proxy identity plus statuses and diagnostics. No I/O, no
/// clock, no logging; the same input in any order gives byte-identical output.
/// </summary>
public static class MeshCompiler
{
    /// <summary>Compiles a snapshot.</summary>
    public static CompileResult Compile(ClusterSnapshot snapshot)
    {
        var diagnostics = new DiagnosticCollector();
        var topology = new Topology(snapshot);
        foreach (var group in snapshot.HttpRouteGroups)
        {
            diagnostics.Track(group);
        }

        foreach (var route in snapshot.L4Routes)
        {
            diagnostics.Track(route);
        }

        var splits = new SplitCompiler(topology, diagnostics);
        splits.Resolve(snapshot.TrafficSplits);
        var access = new AccessCompiler(topology, diagnostics);
        access.Compile(snapshot.TrafficTargets);

        var fragments = topology.Services.Values
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => Fragment(topology, splits, s));
        var assembler = new ConfigAssembler(topology, splits, access, fragments);
        var configs = topology.Identities.ToImmutableSortedDictionary(i => i, assembler.Assemble);

        var (statuses, findings) = diagnostics.Build();
        return new CompileResult(configs, statuses, findings);
    }

    private static ServiceFragment Fragment(Topology topology, SplitCompiler splits, ServiceInfo service)
    {
        var ports = new List<OutboundPort>();
        var clusters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var port in service.Ports.Where(p => Topology.IsStreamProtocol(p.Protocol)).OrderBy(p => p.Port))
        {
            if (ports.Any(p => p.Port == port.Port))
            {
                continue;
            }

            var protocol = PortProtocols.Of(port);
            var (routes, clusterIds) = splits.RoutesFor(service, port, protocol);
            clusters.UnionWith(clusterIds);
            ports.Add(new OutboundPort
            {
                Port = port.Port,
                Name = string.IsNullOrEmpty(port.Name) ? null : port.Name,
                Protocol = protocol,
                Routes = routes,
            });
        }

        var behind = clusters.SelectMany(id => topology.IdentitiesBehind(id)).Distinct().Order().ToImmutableArray();
        var outbound = new OutboundService
        {
            Namespace = service.Namespace,
            Name = service.Name,
            ClusterIp = service.ClusterIp is { Length: > 0 } ip && ip != "None" ? ip : null,
            Ports = [.. ports],
        };
        return new ServiceFragment(service.Key, outbound, [.. clusters], behind);
    }
}
