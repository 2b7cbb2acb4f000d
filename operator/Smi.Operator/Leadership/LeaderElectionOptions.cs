namespace Smi.Operator.Leadership;

/// <summary>Leader election settings (client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry).</summary>
internal sealed record LeaderElectionOptions
{
    public bool Enabled { get; init; } = true;

    public string Namespace { get; init; } = "smi-system";

    public string LeaseName { get; init; } = "smi-operator";

    /// <summary>This replica's identity in the Lease (the pod name in a cluster).</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid():N}"[..Math.Min(63, Environment.MachineName.Length + 33)];

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
