using SmiProxy.Routing;

namespace SmiProxy.Tests.Routing;

public sealed class HostAuthorityTests
{
    [Theory]
    [InlineData("web", "web", 80)]
    [InlineData("web.demo:8080", "web.demo", 8080)]
    [InlineData("web.demo.svc.cluster.local.", "web.demo.svc.cluster.local", 80)]
    [InlineData("web.demo.svc.cluster.local.:9090", "web.demo.svc.cluster.local", 9090)]
    [InlineData("10.96.0.10:80", "10.96.0.10", 80)]
    [InlineData("[fd00::10]:8080", "fd00::10", 8080)]
    [InlineData("[fd00::10]", "fd00::10", 80)]
    [InlineData("fd00::10", "fd00::10", 80)]
    public void TryParse_ValidAuthority_SplitsHostAndPort(string authority, string host, int port)
    {
        Assert.True(HostAuthority.TryParse(authority, out var parsedHost, out var parsedPort));
        Assert.Equal(host, parsedHost.ToString());
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":80")]
    [InlineData("web:")]
    [InlineData("web:http")]
    [InlineData("web:70000")]
    [InlineData("[fd00::10")]
    [InlineData("[fd00::10]x")]
    public void TryParse_InvalidAuthority_False(string authority)
    {
        Assert.False(HostAuthority.TryParse(authority, out _, out _));
    }
}
