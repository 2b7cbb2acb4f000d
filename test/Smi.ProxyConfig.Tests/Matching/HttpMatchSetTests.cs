using Smi.ProxyConfig.Matching;

namespace Smi.ProxyConfig.Tests.Matching;

public sealed class HttpMatchSetTests
{
    private static readonly HttpRouteMatch Metrics = new() { Origin = "HTTPRouteGroup demo/r#metrics", PathRegex = "^(?:/metrics)", Methods = ["GET"] };
    private static readonly HttpRouteMatch Firefox = new() { Origin = "HTTPRouteGroup demo/r#ff", Headers = [new HeaderCondition("user-agent", "^(?:.*Firefox.*)$")] };

    [Fact]
    public void Accepts_NoMatches_EveryRequest()
    {
        var set = HttpMatchSet.Compile([], new RegexCache());

        Assert.True(set.IsEmpty);
        Assert.True(set.Accepts("DELETE", "/anything", new Headers(null)));
        Assert.Null(set.Find("DELETE", "/anything", new Headers(null), out var mismatches));
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("GET", "/metrics/x", null, true)]
    [InlineData("POST", "/", "Mozilla Firefox/120", true)]
    [InlineData("POST", "/metrics", null, false)]
    [InlineData("GET", "", null, false)]
    public void Accepts_AnyMatch_ThatMatches(string method, string path, string? userAgent, bool expected) =>
        Assert.Equal(expected, HttpMatchSet.Compile([Metrics, Firefox], new RegexCache()).Accepts(method, path, new Headers(userAgent)));

    [Fact]
    public void Find_NoneMatches_SaysWhyEachFailed()
    {
        var set = HttpMatchSet.Compile([Metrics, Firefox], new RegexCache());

        Assert.Null(set.Find("POST", "/metrics", new Headers("curl/8"), out var mismatches));
        Assert.Equal(
            ["HTTPRouteGroup demo/r#metrics: method POST is not GET", "HTTPRouteGroup demo/r#ff: header user-agent \"curl/8\" does not match ^(?:.*Firefox.*)$"],
            mismatches);
        Assert.Same(Firefox, set.Find("POST", "/", new Headers("Firefox"), out _)?.Source);
    }

    [Fact]
    public void RegexCache_NextConfig_ReusesCompiledPatterns()
    {
        var first = new RegexCache();
        var regex = first.Get("^(?:/a)");

        Assert.Same(regex, new RegexCache(first).Get("^(?:/a)"));
    }

    private readonly struct Headers(string? userAgent) : IRequestHeaders
    {
        public string? Get(string name) => name == "user-agent" ? userAgent : null;
    }
}
