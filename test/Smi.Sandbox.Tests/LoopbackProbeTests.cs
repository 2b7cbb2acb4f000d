using System.Net;
using System.Net.Sockets;

namespace Smi.Sandbox.Tests;

public sealed class LoopbackProbeTests
{
    [Fact]
    public void LoopbackProbe_ClaimedOrPortBoundBySomeoneElse_IsNotFree()
    {
        // An address no sandbox allocates from (127.1.x.y onwards is the sandbox's), so parallel runs don't interfere.
        var address = IPAddress.Parse($"127.0.{200 + (Environment.ProcessId % 50)}.{1 + (Environment.ProcessId % 250)}");
        var other = IPAddress.Parse($"127.0.{200 + (Environment.ProcessId % 50)}.{1 + ((Environment.ProcessId + 1) % 250)}");
        Assert.True(LoopbackProbe.IsFree(address.ToString()));
        Assert.False(LoopbackProbe.IsFree(address.ToString())); // claimed: a second sandbox in this process must not take it

        using var listener = new TcpListener(other, 15001);
        listener.Start();

        Assert.False(LoopbackProbe.IsFree(other.ToString()));
    }
}
