using Smi.Manifests;

namespace Smi.Operator.Tests.Local;

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
}
