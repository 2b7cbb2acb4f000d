using Microsoft.Extensions.Primitives;
using SmiProxy.Clusters;
using Yarp.ReverseProxy.Configuration;

namespace SmiProxy.Configuration;

/// <summary>
/// The immutable snapshot YARP reads: the catch-all route and the clusters of one compiled config,
/// with a change token cancelled when the next snapshot replaces it. It carries the compiled config
/// so that, once YARP reports it applied, the request path can switch to exactly that config.
/// </summary>
internal sealed class MeshYarpConfig : IProxyConfig
{
    private readonly CancellationTokenSource _changes = new();

    public MeshYarpConfig(CompiledConfig? compiled)
    {
        Compiled = compiled;
        Clusters = compiled?.YarpClusters ?? [YarpClusters.UnassignedCluster];
        RevisionId = compiled?.Revision ?? "none";
        ChangeToken = new CancellationChangeToken(_changes.Token);
    }

    /// <summary>Null for the empty snapshot served before the first config.</summary>
    public CompiledConfig? Compiled { get; }

    public string RevisionId { get; }

    public IReadOnlyList<RouteConfig> Routes { get; } = [YarpClusters.CatchAllRoute];

    public IReadOnlyList<ClusterConfig> Clusters { get; }

    public IChangeToken ChangeToken { get; }

    internal void SignalChange() => _changes.Cancel();
}
