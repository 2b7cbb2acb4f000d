using System.Runtime.CompilerServices;
using SmiProxy.Identity;
using Yarp.ReverseProxy.Model;

namespace SmiProxy.Clusters;

/// <summary>
/// What the outbound side needs about the destination YARP picked: its container port, and for a
/// meshed endpoint the identity it must prove. Read from the destination's metadata once per
/// destination model (YARP replaces the model when the endpoint changes) and cached.
/// </summary>
internal sealed class MeshEndpoint
{
    private static readonly ConditionalWeakTable<DestinationModel, MeshEndpoint> Cache = [];

    private volatile MeshConnectionInfo? _connection;

    private MeshEndpoint(string containerPort, string? identity, string? spiffeId)
    {
        ContainerPort = containerPort;
        Identity = identity;
        SpiffeId = spiffeId;
    }

    /// <summary>The container port, as the <c>x-smi-destination-port</c> header value.</summary>
    public string ContainerPort { get; }

    /// <summary>"namespace/serviceaccount" of a meshed endpoint; null when unmeshed.</summary>
    public string? Identity { get; }

    /// <summary>The SPIFFE ID the endpoint's proxy must present; null when unmeshed.</summary>
    public string? SpiffeId { get; }

    /// <summary>
    /// What the connect callback needs for this endpoint under a route's connect timeout. Cached:
    /// the same endpoint is almost always reached with the same timeout and trust domain.
    /// </summary>
    public MeshConnectionInfo ConnectionInfo(TimeSpan connectTimeout, string trustDomain)
    {
        var cached = _connection;
        if (cached is not null && cached.ConnectTimeout == connectTimeout && cached.TrustDomain == trustDomain)
        {
            return cached;
        }

        return _connection = new MeshConnectionInfo(SpiffeId, connectTimeout, trustDomain);
    }

    public static MeshEndpoint For(DestinationModel model) => Cache.GetValue(model, static m =>
    {
        var metadata = m.Config.Metadata;
        return new MeshEndpoint(
            metadata?.GetValueOrDefault(YarpClusters.PortKey) ?? string.Empty,
            metadata?.GetValueOrDefault(YarpClusters.IdentityKey),
            metadata?.GetValueOrDefault(YarpClusters.SpiffeKey));
    });
}
