using FsCheck.Xunit;
using Smi.Api.Model;

namespace Smi.Api.Tests.Model;

public sealed class ObjectMetaTests
{
    [Fact]
    public void Key_NamespaceAndName_JoinedWithSlash()
    {
        var meta = new ObjectMeta { Name = "web", Namespace = "shop" };
        Assert.Equal("shop/web", meta.Key);
    }

    [Property]
    public bool Key_AlwaysEndsWithName(NonEmptyStringNoSlash name) =>
        new ObjectMeta { Name = name.Value, Namespace = "ns" }.Key.EndsWith("/" + name.Value, StringComparison.Ordinal);

    public sealed record NonEmptyStringNoSlash(string Value)
    {
        public static implicit operator NonEmptyStringNoSlash(string s) => new(s);
    }
}
