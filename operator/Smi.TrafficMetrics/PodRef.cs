namespace Smi.TrafficMetrics;

/// <summary>A meshed pod whose proxy was scraped, and the workload that owns it.</summary>
internal sealed record PodRef(string Namespace, string Name, string WorkloadKind, string WorkloadName);
