using System.Collections.Immutable;
using Smi.Core.Cluster;
using Smi.Core.Compilation.Policies;

namespace Smi.Core.Compilation;

/// <summary>
/// The mesh compiler with memory: each compile reuses what the previous one computed from the same
/// input objects (clusters, service fragments, access rules, whole identity configs), so a change
/// to one Service re-derives only the configs that can see it. Unchanged objects must be the same
/// instances from one snapshot to the next, as informer caches and the local loader keep them;
/// the output is always exactly <see cref="MeshCompiler.Compile"/>'s (a property test holds it to
/// that). Not thread-safe: one compile at a time.
/// </summary>
public sealed class IncrementalMeshCompiler
{
    private readonly CompileCache _cache = new();

    /// <summary>Configs reused from the previous compile, over the lifetime of this compiler.</summary>
    public long ReusedConfigs => _cache.Configs.Hits;

    /// <summary>Configs computed, over the lifetime of this compiler.</summary>
    public long ComputedConfigs => _cache.Configs.Misses;

    /// <summary>Compiles a snapshot.</summary>
    public CompileResult Compile(ClusterSnapshot snapshot)
    {
        var diagnostics = new DiagnosticCollector();
        var topology = new Topology(snapshot, _cache);
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
        var access = new AccessCompiler(topology, diagnostics, _cache);
        access.Compile(snapshot.TrafficTargets);

        var policies = new PolicySet(snapshot.TrafficPolicies, topology, diagnostics, _cache);
        var fragments = new List<ServiceFragment>(topology.Services.Count);
        foreach (var service in topology.Services.Values.OrderBy(s => s.Key))
        {
            var entry = _cache.Fragments.GetOrCompute(service.Key, splits.FragmentInputs(service), () =>
            {
                var recorder = new DiagnosticRecorder();
                return new FragmentEntry(splits.BuildFragment(service, recorder), recorder.ToImmutable());
            });
            diagnostics.Apply(entry.Diagnostics);
            fragments.Add(policies.Apply(entry.Fragment));
        }

        var assembler = new ConfigAssembler(topology, splits, access, policies, fragments, _cache);
        var configs = topology.Identities.ToImmutableSortedDictionary(i => i, assembler.Assemble);
        var (statuses, findings) = diagnostics.Build();
        _cache.Advance();
        var catalog = new MeshCatalog(
            fragments.ToDictionary(f => f.Key, f => f.Service),
            fragments.SelectMany(f => f.ClusterIds).Distinct(StringComparer.Ordinal).ToDictionary(id => id, policies.Cluster, StringComparer.Ordinal));
        return new CompileResult(configs, statuses, findings) { Catalog = catalog };
    }
}
