namespace Smi.ProxyConfig;

/// <summary>Mesh-wide settings every proxy needs.</summary>
public sealed record MeshSettings
{
    /// <summary>SPIFFE trust domain of the mesh's certificates.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Kubernetes cluster DNS domain, for resolving <c>name.ns.svc.&lt;clusterDomain&gt;</c>.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";
}
