using Smi.Core.Cluster;
using Smi.TrafficMetrics;

namespace Smi.Sandbox;

/// <summary>What `sandbox` was asked to do.</summary>
internal sealed record SandboxOptions
{
    public required string Folder { get; init; }

    public required string StateDir { get; init; }

    public MeshOptions Mesh { get; init; } = new();

    /// <summary>Pod ("name" or "namespace/name") to send load from, if any.</summary>
    public string? LoadFrom { get; init; }

    public Uri? LoadUrl { get; init; }

    public double Rate { get; init; } = 10;

    /// <summary>Stop after this long (tests, demos); null runs until cancelled.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Run the pods on a node made of network namespaces (root only) instead of loopback addresses.</summary>
    public bool Netns { get; init; }

    public TimeSpan TerminationGrace { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan? CertificateLifetime { get; init; }

    /// <summary>Where to serve the TrafficMetrics API (plain HTTP, loopback), or null for none.</summary>
    public System.Net.IPEndPoint? TrafficMetricsEndpoint { get; init; }

    public TrafficMetricsOptions TrafficMetrics { get; init; } = new();
}
