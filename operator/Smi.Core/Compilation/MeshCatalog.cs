using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>All Services and clusters of a compile, independent of any caller.</summary>
/// <param name="Services">Outbound view of each Service.</param>
/// <param name="Clusters">Clusters by id.</param>
public sealed record MeshCatalog(IReadOnlyDictionary<ServiceKey, OutboundService> Services, IReadOnlyDictionary<string, BackendCluster> Clusters)
{
    public static readonly MeshCatalog Empty = new(new Dictionary<ServiceKey, OutboundService>(), new Dictionary<string, BackendCluster>());
}
