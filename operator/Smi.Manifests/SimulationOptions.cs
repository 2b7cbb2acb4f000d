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
    /// The ClusterIP a Service ("namespace/name") gets when its manifest names none, as the API
    /// server would allocate it; null leaves such Services without one. Headless Services
    /// (<c>clusterIP: None</c>) are never given one.
    /// </summary>
    public Func<string, string>? AllocateClusterIp { get; init; }
}
