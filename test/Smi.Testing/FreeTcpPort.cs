using System.Net;
using System.Net.Sockets;

namespace Smi.Testing;

/// <summary>A TCP port nothing listens on, for a child process or host that must be told its port up front.</summary>
public static class FreeTcpPort
{
    /// <summary>
    /// Binds port 0 on 127.0.0.1, reads the port the kernel chose and releases it. Another process
    /// could take it before the caller binds it; prefer binding port 0 directly where the server
    /// reports its address back.
    /// </summary>
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
