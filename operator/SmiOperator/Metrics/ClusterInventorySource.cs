using Smi.Core.Cluster;
using SmiOperator.Kubernetes;

namespace SmiOperator.Metrics;

/// <summary>The inventory from the operator's informer caches (empty until they have synced).</summary>
internal sealed class ClusterInventorySource(ClusterState state, MeshOptions mesh) : IMeshInventorySource
{
    public MeshInventory Current() => state.HasSynced ? MeshInventory.From(state.Snapshot(mesh)) : MeshInventory.Empty;
}
