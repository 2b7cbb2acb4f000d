using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Smi.ProxyConfig.Tests;

public sealed class ServiceKeyTests
{
    private const string Document = """
        {"schemaVersion":1,"identity":{"namespace":"demo","serviceAccount":"client"},"mesh":{},"inbound":{},
         "outbound":{"services":[{"namespace":"demo","name":"web","ports":[{"port":80,"routes":[{"name":"default","backends":[{"service":"SERVICE","cluster":"demo/web:80","weight":1}]}]}]}],
                     "clusters":[{"id":"demo/web:80","namespace":"demo","service":"web","port":80}]}}
        """;

    [Theory]
    [InlineData("web.demo", "demo", "web")]
    [InlineData("web.demo.svc", "demo.svc", "web")]
    public void TryParse_NameDotNamespace_SplitsAtFirstDot(string text, string ns, string name)
    {
        Assert.True(ServiceKey.TryParse(text, out var key));
        Assert.Equal(new ServiceKey(ns, name), key);
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("web")]
    [InlineData(".demo")]
    [InlineData("web.")]
    [InlineData(null)]
    public void TryParse_NotNameDotNamespace_False(string? text) => Assert.False(ServiceKey.TryParse(text, out _));

    [Theory]
    [InlineData("web", "demo", "web")]
    [InlineData("web.other", "other", "web")]
    public void Parse_WithDefaultNamespace_BareNameIsInIt(string text, string ns, string name) =>
        Assert.Equal(new ServiceKey(ns, name), ServiceKey.Parse(text, "demo"));

    [Fact]
    public void CompareTo_AnyKeys_OrdersAsNamespaceSlashName()
    {
        var part = Gen.Elements("a", "a-b", "a.b", "ab", "b", "demo", "demo-canary", "z");
        var key = from ns in part from name in part select new ServiceKey(ns, name);
        Prop.ForAll(key.ToArbitrary(), key.ToArbitrary(), (x, y) =>
            Math.Sign(x.CompareTo(y)) == Math.Sign(string.CompareOrdinal($"{x.Namespace}/{x.Name}", $"{y.Namespace}/{y.Name}"))).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryDeserialize_BackendService_ReadsAndWritesNameDotNamespace()
    {
        var config = ProxyConfigSerializer.TryDeserialize(Encoding.UTF8.GetBytes(Document.Replace("SERVICE", "web.demo", StringComparison.Ordinal)), out var error);

        Assert.True(config is not null, error);
        Assert.Equal(new ServiceKey("demo", "web"), config.Outbound.Services[0].Ports[0].Routes[0].Backends[0].Service);
        Assert.Contains("\"service\":\"web.demo\"", Encoding.UTF8.GetString(ProxyConfigSerializer.Serialize(config)), StringComparison.Ordinal);
    }

    [Fact]
    public void TryDeserialize_BackendServiceWithoutNamespace_Error()
    {
        var config = ProxyConfigSerializer.TryDeserialize(Encoding.UTF8.GetBytes(Document.Replace("SERVICE", "web", StringComparison.Ordinal)), out var error);

        Assert.Null(config);
        Assert.Contains("\"web\" is not a Service as \"name.namespace\"", error, StringComparison.Ordinal);
    }
}
