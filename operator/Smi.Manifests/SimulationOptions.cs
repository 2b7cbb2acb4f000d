namespace Smi.Manifests;

/// <summary>How a folder's workloads are simulated: where pod addresses come from and how Services get ClusterIPs.</summary>
internal sealed record SimulationOptions
{
    /// <summary>The loopback sandbox's and local mode's defaults: loopback pod addresses, Services keep the ClusterIP their manifest gives (usually none).</summary>
    public static readonly SimulationOptions Default = new();

    /// <summary>Pod addresses.</summary>
    public AddressRange PodAddresses { get; init; } = AddressRange.Loopback;

    /// <summary>Whether an address is free to hand out (the loopback sandbox probes the machine); null: every address is.</summary>
    public Func<string, bool>? IsAddressFree { get; init; }

    /// <summary>
    /// The ClusterIPs (one per family, the first primary) a Service ("namespace/name") gets when its
    /// manifest names none, as the API server would allocate them; null leaves such Services
    /// without one. Headless Services (<c>clusterIP: None</c>) are never given one.
    /// </summary>
    public Func<string, IReadOnlyList<string>>? AllocateClusterIps { get; init; }
}
