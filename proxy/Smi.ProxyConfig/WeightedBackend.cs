namespace Smi.ProxyConfig;

/// <summary>A backend of a route.</summary>
/// <param name="Service">Backend Service (written "name.namespace").</param>
/// <param name="Cluster">Id of the <see cref="BackendCluster"/> holding its endpoints.</param>
/// <param name="Weight">Positive integer weight.</param>
public sealed record WeightedBackend(ServiceKey Service, string Cluster, long Weight);
