using System.Collections.Immutable;
using Smi.Operator.Local;
using Smi.TrafficMetrics;

namespace Smi.Sandbox;

/// <summary>The sandbox's mesh for the TrafficMetrics API: the running pods (on their loopback addresses) and the folder's namespaces and TrafficSplits, updated at every step.</summary>
internal sealed class SandboxInventory : IMeshInventorySource
{
    private volatile MeshInventory _current = MeshInventory.Empty;

    public MeshInventory Current() => _current;

    public void Update(LocalStep step, IEnumerable<RunningPod> running)
    {
        var pods = running.Select(p => p.Spec.Pod with { HasProxy = true }).ToImmutableArray();
        var snapshot = step.Snapshot;
        var namespaces = (snapshot?.Namespaces.Select(n => n.Name) ?? []).Union(pods.Select(p => p.Namespace)).Distinct(StringComparer.Ordinal).ToImmutableArray();
        _current = new MeshInventory(pods, namespaces, snapshot?.TrafficSplits ?? []);
    }
}
