using System.Text;

namespace Smi.ProxyConfig.Tests;

public sealed class ProxyConfigSerializerTests
{
    [Fact]
    public void Serialize_RoundTrip_KeepsContentAndRevision()
    {
        var config = SampleConfigs.Canary();

        var parsed = ProxyConfigSerializer.TryDeserialize(ProxyConfigSerializer.Serialize(config), out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal(config.Revision, parsed.Revision);
        Assert.Equal(ProxyConfigSerializer.Serialize(config), ProxyConfigSerializer.Serialize(parsed));
    }

    [Fact]
    public void Serialize_IsCamelCaseWithoutNulls()
    {
        var json = Encoding.UTF8.GetString(ProxyConfigSerializer.Serialize(SampleConfigs.Canary()));

        Assert.StartsWith("{\"schemaVersion\":1,\"revision\":\"sha256:", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WithRevision_EqualContent_EqualRevision_ChangedContent_NewRevision()
    {
        var a = SampleConfigs.Canary();
        var b = SampleConfigs.Canary();
        var c = ProxyConfigSerializer.WithRevision(a with { Inbound = a.Inbound with { Permissive = true } });

        Assert.Equal(a.Revision, b.Revision);
        Assert.NotEqual(a.Revision, c.Revision);
        Assert.Matches("^sha256:[0-9a-f]{32}$", a.Revision);
    }

    [Fact]
    public void TryDeserialize_Gzip_IsDetected()
    {
        var config = SampleConfigs.Canary();

        var parsed = ProxyConfigSerializer.TryDeserialize(ProxyConfigSerializer.Gzip(ProxyConfigSerializer.Serialize(config)), out var error);

        Assert.Null(error);
        Assert.Equal(config.Revision, parsed!.Revision);
    }

    [Fact]
    public void Gzip_IsDeterministic()
    {
        var bytes = ProxyConfigSerializer.Serialize(SampleConfigs.Canary());

        Assert.Equal(ProxyConfigSerializer.Gzip(bytes), ProxyConfigSerializer.Gzip(bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("{\"schemaVersion\":1}")]
    [InlineData("[1,2]")]
    public void TryDeserialize_Malformed_ReturnsErrorNotException(string text)
    {
        var parsed = ProxyConfigSerializer.TryDeserialize(Encoding.UTF8.GetBytes(text), out var error);

        Assert.Null(parsed);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryDeserialize_TruncatedGzip_ReturnsError()
    {
        var gz = ProxyConfigSerializer.Gzip(ProxyConfigSerializer.Serialize(SampleConfigs.Canary()));

        var parsed = ProxyConfigSerializer.TryDeserialize(gz.AsSpan(0, gz.Length / 2), out var error);

        Assert.Null(parsed);
        Assert.NotNull(error);
    }
}
