using System.Globalization;
using System.Net;

namespace Smi.Sandbox.Node;

/// <summary>A pod's IPv6 address on the node: fd00:10:244:: plus the host part of its IPv4 address in 10.244.0.0/16 (dual stack, one offset).</summary>
internal static class PodAddresses
{
    public static IPAddress Ipv6Of(IPAddress ipv4)
    {
        var bytes = ipv4.GetAddressBytes();
        return IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fd00:10:244::{(bytes[2] << 8) | bytes[3]:x}"));
    }
}
