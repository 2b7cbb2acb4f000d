using System.Globalization;
using System.Net;

namespace Smi.Sandbox.Node;

/// <summary>
/// Gives every Service a ClusterIP from 10.96.0.0/16 and its IPv6 twin from fd00:10:96::/112, as
/// the API server allocates them: stable for as long as the sandbox runs, never reused.
/// 10.96.0.1 is left out, as clusters keep it for <c>kubernetes.default</c>.
/// </summary>
internal sealed class ClusterIpAllocator
{
    private readonly Dictionary<string, int> _assigned = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _next = 10;

    /// <summary>The IPv4 ClusterIP of Service "namespace/name".</summary>
    public string Allocate(string serviceKey)
    {
        var offset = OffsetOf(serviceKey);
        return string.Create(CultureInfo.InvariantCulture, $"10.96.{offset >> 8}.{offset & 0xFF}");
    }

    /// <summary>Both ClusterIPs of a Service: IPv4 first (the primary family), then its IPv6 twin.</summary>
    public IReadOnlyList<string> AllocateDualStack(string serviceKey)
    {
        var ipv4 = Allocate(serviceKey);
        return [ipv4, Ipv6Twin(IPAddress.Parse(ipv4)).ToString()];
    }

    /// <summary>The IPv6 twin of an IPv4 ClusterIP this allocator gave out.</summary>
    public static IPAddress Ipv6Twin(IPAddress ipv4)
    {
        var bytes = ipv4.GetAddressBytes();
        return IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fd00:10:96::{(bytes[2] << 8) | bytes[3]:x}"));
    }

    private int OffsetOf(string serviceKey)
    {
        lock (_gate)
        {
            if (!_assigned.TryGetValue(serviceKey, out var offset))
            {
                if (_next >= 65_535)
                {
                    throw new InvalidOperationException("The sandbox ran out of ClusterIPs (65 000 Services).");
                }

                offset = _next++;
                if ((offset & 0xFF) is 0 or 255)
                {
                    offset = _next++;
                }

                _assigned[serviceKey] = offset;
            }

            return offset;
        }
    }
}
