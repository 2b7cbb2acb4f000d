using System.Net;
using System.Net.Sockets;

namespace SmiOperator.Sandbox;

/// <summary>
/// Whether a loopback address is free for a simulated pod: nothing else (another sandbox, a test
/// run, a developer's server) is bound to the ports every sandbox pod's proxy listens on.
/// </summary>
internal static class LoopbackProbe
{
    private static readonly int[] ProxyPorts = [15000, 15001, 15006];

    public static bool IsFree(string address)
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
