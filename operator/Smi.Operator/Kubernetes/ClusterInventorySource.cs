using Smi.Core.Cluster;
using Smi.TrafficMetrics;

namespace Smi.Operator.Kubernetes;

/// <summary>The inventory from the operator's informer caches (empty until they have synced).</summary>
internal sealed class ClusterInventorySource(ClusterState state, MeshOptions mesh) : IMeshInventorySource
{
    public MeshInventory Current() => state.HasSynced ? MeshInventory.From(state.Snapshot(mesh)) : MeshInventory.Empty;
}
