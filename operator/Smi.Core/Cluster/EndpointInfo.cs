using System.Collections.Immutable;

namespace Smi.Core.Cluster;

/// <summary>An endpoint of a slice.</summary>
/// <param name="Addresses">Addresses (normally one).</param>
/// <param name="Ready">Readiness condition; null means ready, as Kubernetes defines it.</param>
/// <param name="PodName">The pod behind it (targetRef), if any.</param>
public sealed record EndpointInfo(ImmutableArray<string> Addresses, bool? Ready, string? PodName);
