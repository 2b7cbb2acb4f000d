namespace Smi.ProxyConfig;

/// <summary>Copy <paramref name="Percent"/> % of matching requests to <paramref name="Cluster"/>; the caller never waits for or sees the copy.</summary>
/// <param name="Service">Mirror Service (written "name.namespace").</param>
/// <param name="Cluster">Id of the <see cref="BackendCluster"/> holding its endpoints (must exist in outbound.clusters).</param>
/// <param name="Percent">Share of matching requests, 0 &lt; percent &lt;= 100.</param>
/// <param name="MaxConcurrent">In-flight copies per proxy; over it a copy is dropped (and counted).</param>
public sealed record MirrorPolicy(ServiceKey Service, string Cluster, double Percent, int MaxConcurrent);
