using System.Net;
using System.Net.Sockets;

namespace Smi.Sandbox;

/// <summary>
/// Claims a loopback address for a simulated pod when it is free: no other sandbox in this process
/// has claimed it (two sandboxes allocating at once would otherwise both see it unbound), and
/// nothing else on the machine (another sandbox process, a test run, a developer's server) is bound
/// to the ports every sandbox pod's proxy listens on. Claims last for the process's lifetime: a
/// sandbox that frees a pod's address simply moves on to the next one.
/// </summary>
internal static class LoopbackProbe
{
    private static readonly int[] ProxyPorts = [15000, 15001, 15006];
    private static readonly HashSet<string> Claimed = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static bool IsFree(string address)
    {
        lock (Gate)
        {
            if (Claimed.Contains(address) || !Unbound(address))
            {
                return false;
            }

            Claimed.Add(address);
            return true;
        }
    }

    private static bool Unbound(string address)
    {
        var ip = IPAddress.Parse(address);
        foreach (var port in ProxyPorts)
        {
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(ip, port));
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
