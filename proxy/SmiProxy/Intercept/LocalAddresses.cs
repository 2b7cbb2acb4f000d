using System.Collections.Frozen;
using System.Net;
using System.Net.NetworkInformation;
using SmiProxy.Settings;

namespace SmiProxy.Intercept;

/// <summary>
/// The addresses of the pod the proxy runs in: loopback, the pod IPs it was given
/// (<c>--pod-ips</c>) and those of the network namespace's interfaces at start. The outbound
/// listener serves connections from these only: a connection from another pod to
/// <c>&lt;podIP&gt;:15001</c> must not be relayed with this pod's identity.
/// </summary>
internal sealed class LocalAddresses
{
    private readonly FrozenSet<IPAddress> _addresses;

    public LocalAddresses(SidecarProxyOptions options)
    {
        var addresses = new HashSet<IPAddress>(options.PodIps.Select(Normalize));
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    addresses.Add(Normalize(unicast.Address));
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Without interface information the pod IPs given and loopback remain.
        }

        _addresses = addresses.ToFrozenSet();
    }

    public bool IsLocal(IPAddress address)
    {
        var normalized = Normalize(address);
        return IPAddress.IsLoopback(normalized) || _addresses.Contains(normalized);
    }

    private static IPAddress Normalize(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return plain.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && plain.ScopeId != 0 ? new IPAddress(plain.GetAddressBytes()) : plain;
    }
}
