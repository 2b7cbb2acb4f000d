using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Smi.Sandbox.Node;

/// <summary>
/// Sockets inside a named network namespace (<c>/var/run/netns/&lt;name&gt;</c>, as <c>ip netns add</c>
/// makes them) from this process: a socket belongs to the namespace its creating thread was in, and
/// stays there whichever thread uses it later. So the calling thread switches in with setns(2),
/// creates the socket, and switches straight back — nothing else runs on that thread in between.
/// This is how the sandbox probes pods from the node and serves a pod's echo app without a process
/// per pod.
/// </summary>
internal static partial class Netns
{
    private const int CloneNewNet = 0x40000000;
    private const int FDupFdCloseOnExec = 1030;

    /// <summary>The directory <c>ip netns</c> keeps namespaces in.</summary>
    public const string RunDirectory = "/var/run/netns";

    /// <summary>A new socket created inside namespace <paramref name="name"/>.</summary>
    public static Socket CreateSocket(string name, AddressFamily family, SocketType type = SocketType.Stream, ProtocolType protocol = ProtocolType.Tcp)
    {
        using var target = File.OpenHandle(Path.Combine(RunDirectory, name), FileMode.Open, FileAccess.Read);
        using var home = File.OpenHandle("/proc/thread-self/ns/net", FileMode.Open, FileAccess.Read);
        Enter(target.DangerousGetHandle(), name);
        try
        {
            return new Socket(family, type, protocol);
        }
        finally
        {
            // Never leave a thread-pool thread in another namespace: every later socket on it would be there too.
            if (SetNs((int)home.DangerousGetHandle(), CloneNewNet) != 0)
            {
                Environment.FailFast($"could not return to this process's network namespace after entering {name}: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    /// <summary>A listening TCP socket bound inside <paramref name="name"/>.</summary>
    public static Socket Listen(string name, System.Net.IPEndPoint endpoint, int backlog = 512)
    {
        var socket = CreateSocket(name, endpoint.AddressFamily);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(endpoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A TCP connection to <paramref name="endpoint"/> made from inside namespace <paramref name="name"/> (as a process in it would connect: its routes, its iptables rules, its source address).</summary>
    public static async Task<Socket> ConnectAsync(string name, System.Net.IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = CreateSocket(name, endpoint.AddressFamily);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A duplicate file descriptor of <paramref name="socket"/>, for a server (Kestrel's ListenHandle) that takes ownership of it.</summary>
    public static ulong Duplicate(Socket socket)
    {
        // F_DUPFD_CLOEXEC, not dup(2): a plain duplicate would be inherited by every process the
        // sandbox starts later (another pod's proxy would then hold this pod's listening socket).
        var fd = DupCloseOnExec((int)socket.SafeHandle.DangerousGetHandle(), FDupFdCloseOnExec, 0);
        return fd >= 0 ? (ulong)fd : throw new Win32Exception(Marshal.GetLastPInvokeError(), "fcntl(F_DUPFD_CLOEXEC) of a listening socket failed");
    }

    public static bool Exists(string name) => File.Exists(Path.Combine(RunDirectory, name));

    private static void Enter(IntPtr fd, string name)
    {
        if (SetNs((int)fd, CloneNewNet) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns(2) into network namespace {name} failed (the sandbox's netns mode needs root)");
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int DupCloseOnExec(int fd, int command, int lowest);
}
