namespace Smi.Core.Cluster;

/// <summary>The workload owning a pod.</summary>
/// <param name="Kind">Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or Pod.</param>
/// <param name="Name">Workload name.</param>
public sealed record WorkloadRef(string Kind, string Name);
