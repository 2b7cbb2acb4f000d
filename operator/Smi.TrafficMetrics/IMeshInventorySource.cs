namespace Smi.TrafficMetrics;

/// <summary>Where the inventory comes from (the informer caches, or the sandbox's folder).</summary>
internal interface IMeshInventorySource
{
    MeshInventory Current();
}
