namespace Smi.Core.Cluster;

/// <summary>Mesh-wide settings that are not Kubernetes objects (operator flags, local-mode options).</summary>
public sealed record MeshOptions
{
    /// <summary>SPIFFE trust domain.</summary>
    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>Cluster DNS domain.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>
    /// Mesh-wide permissive mode: SMI's default deny is off everywhere and every peer may call
    /// every service. Per-namespace permissive mode is a namespace label or annotation
    /// (<see cref="MeshConventions.PermissiveKey"/>).
    /// </summary>
    public bool Permissive { get; init; }

    /// <summary>
    /// Mesh-wide access logs (operator flag <c>--access-log</c>): every proxy writes one JSON line
    /// per request. Per namespace: label or annotation <see cref="MeshConventions.AccessLogKey"/>;
    /// per Service: a TrafficPolicy's <c>spec.accessLog</c>.
    /// </summary>
    public bool AccessLog { get; init; }

    /// <summary>
    /// Whether namespaces without the injection label are part of the mesh. False in a cluster
    /// (only namespaces labelled <c>smi-operator.io/inject: enabled</c>); true in local mode, where
    /// the folder is the mesh (a namespace labelled <c>disabled</c> still opts out).
    /// </summary>
    public bool MeshUnlabelledNamespaces { get; init; }

    /// <summary>
    /// Registry-only outbound traffic: proxies refuse connections to destinations outside the mesh
    /// instead of passing them through (flag <c>--registry-only</c>).
    /// </summary>
    public bool RegistryOnly { get; init; }

    /// <summary>Inbound listener port of injected proxies, unless a pod says otherwise.</summary>
    public int DefaultInboundPort { get; init; } = 15006;
}
