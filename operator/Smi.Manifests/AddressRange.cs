namespace Smi.Manifests;

/// <summary>Where simulated pods get their IPv4 addresses: <c>Base + First</c> to <c>Base + Last</c>.</summary>
/// <param name="Base">The range's first address as a number (network order read as big-endian).</param>
/// <param name="First">Offset of the first address handed out.</param>
/// <param name="Last">Offset of the last address handed out.</param>
internal sealed record AddressRange(uint Base, int First, int Last)
{
    /// <summary>127.1.0.1 to 127.254.255.254: the loopback sandbox (127.0.0.0/16 is left to the host).</summary>
    public static readonly AddressRange Loopback = new(127u << 24, (1 << 16) + 1, (255 << 16) - 2);

    /// <summary>10.244.0.2 to 10.244.255.254: the netns sandbox's pod CIDR (10.244.0.1 is left out, as a node's bridge would hold it).</summary>
    public static readonly AddressRange PodCidr = new((10u << 24) | (244u << 16), 2, (1 << 16) - 2);
}
