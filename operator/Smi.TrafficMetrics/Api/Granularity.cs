namespace Smi.TrafficMetrics.Api;

/// <summary>How finely a kind groups traffic: by pod, by owning workload, or by namespace.</summary>
internal enum Granularity
{
    Pod,
    Workload,
    Namespace,
    TrafficSplit,
}
