using System.Net;
using System.Net.Sockets;
using SmiOperator.Local;
using SmiOperator.Sandbox;

namespace SmiOperator.Tests.Local;

public sealed class AddressAllocatorTests
{
    [Fact]
    public void AddressOf_SamePod_KeepsItsAddress_FreedAddressesReusedLowestFirst()
    {
        var allocator = new AddressAllocator();

        Assert.Equal("127.1.0.1", allocator.AddressOf("demo/a"));
        Assert.Equal("127.1.0.2", allocator.AddressOf("demo/b"));
        Assert.Equal("127.1.0.1", allocator.AddressOf("demo/a"));
        allocator.Retain(new HashSet<string> { "demo/b" });
        Assert.Equal("127.1.0.1", allocator.AddressOf("demo/c"));
    }

    [Fact]
    public void AddressOf_ProbeSaysInUse_AddressIsSkipped()
    {
        var taken = new HashSet<string> { "127.1.0.1", "127.1.0.3" };
        var allocator = new AddressAllocator(address => !taken.Contains(address));

        Assert.Equal("127.1.0.2", allocator.AddressOf("demo/a"));
        Assert.Equal("127.1.0.4", allocator.AddressOf("demo/b"));
    }

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
