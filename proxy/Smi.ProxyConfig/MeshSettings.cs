namespace Smi.ProxyConfig;

/// <summary>Mesh-wide settings every proxy needs.</summary>
public sealed record MeshSettings
{
    /// <summary>SPIFFE trust domain of the mesh's certificates.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Kubernetes cluster DNS domain, for resolving <c>name.ns.svc.&lt;clusterDomain&gt;</c>.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>
    /// What the outbound listener does with a connection to a destination outside the mesh (no
    /// Service or endpoint it knows): <see cref="OutboundTrafficPolicies.AllowAny"/> (null, the
    /// default) passes it through to its original destination untouched;
    /// <see cref="OutboundTrafficPolicies.RegistryOnly"/> refuses it.
    /// </summary>
    public string? OutboundTrafficPolicy { get; init; }
}
