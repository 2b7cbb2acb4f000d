using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SmiProxy.Connections;

/// <summary>
/// Where a connection redirected by iptables (<c>REDIRECT</c> in the nat table) was going: the
/// kernel keeps the pre-NAT destination in conntrack and hands it out through
/// <c>SO_ORIGINAL_DST</c> (IPv4) / <c>IP6T_SO_ORIGINAL_DST</c> (IPv6), both option 80.
/// A connection that was not redirected gives no answer (or its own local address).
/// </summary>
internal static class OriginalDestination
{
    private const int SoOriginalDst = 80;
    private const int SolIp = 0;
    private const int SolIpv6 = 41;

    /// <summary>The original destination, or null when the connection was not redirected.</summary>
    public static IPEndPoint? Of(Socket socket)
    {
        if (!OperatingSystem.IsLinux() || socket.LocalEndPoint is not IPEndPoint local)
        {
            return null;
        }

        var ipv6 = local.AddressFamily == AddressFamily.InterNetworkV6 && !local.Address.IsIPv4MappedToIPv6;
        Span<byte> address = stackalloc byte[28];
        int length;
        try
        {
            length = socket.GetRawSocketOption(ipv6 ? SolIpv6 : SolIp, SoOriginalDst, address);
        }
        catch (SocketException)
        {
            // ENOENT: no conntrack entry with NAT, i.e. the connection came straight to this listener.
            return null;
        }

        var parsed = Parse(address[..length]);
        return parsed is null || parsed.Equals(Normalize(local)) ? null : parsed;
    }

    /// <summary>Reads a <c>sockaddr_in</c> / <c>sockaddr_in6</c> as Linux lays them out.</summary>
    internal static IPEndPoint? Parse(ReadOnlySpan<byte> sockaddr)
    {
        if (sockaddr.Length < 8)
        {
            return null;
        }

        var family = BinaryPrimitives.ReadUInt16LittleEndian(sockaddr);
        var port = BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]);
        return family switch
        {
            2 when sockaddr.Length >= 8 => new IPEndPoint(new IPAddress(sockaddr.Slice(4, 4)), port),
            10 when sockaddr.Length >= 24 => new IPEndPoint(new IPAddress(sockaddr.Slice(8, 16)), port),
            _ => null,
        };
    }

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
