namespace Smi.ProxyConfig.Tests;

public sealed class ProxyConfigValidatorTests
{
    [Fact]
    public void Validate_Sample_IsValid() => Assert.Empty(ProxyConfigValidator.Validate(SampleConfigs.Canary()));

    [Fact]
    public void Validate_EditedContent_RevisionMismatch()
    {
        var config = SampleConfigs.Canary() with { Inbound = new InboundConfig { Permissive = true } };

        var error = Assert.Single(ProxyConfigValidator.Validate(config));
        Assert.StartsWith("revision: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownSchemaVersion_Rejected()
    {
        var config = ProxyConfigSerializer.WithRevision(SampleConfigs.Canary() with { SchemaVersion = 2 });

        Assert.Contains(ProxyConfigValidator.Validate(config), e => e.StartsWith("schemaVersion: 2 is not supported", StringComparison.Ordinal));
    }

    public static TheoryData<string, Func<MeshProxyConfig, MeshProxyConfig>> Broken => new()
    {
        { "outbound.services[0].ports[0].routes[0].backends[0].cluster: no cluster \"nope\" in outbound.clusters", c => EditRoute(c, r => r with { Backends = [new WeightedBackend(new ServiceKey("demo", "x"), "nope", 1)] }) },
        { "outbound.services[0].ports[0].routes[0].backends[0].weight: 0 must be positive (zero-weight backends are left out)", c => EditRoute(c, r => r with { Backends = [r.Backends[0] with { Weight = 0 }] }) },
        { "outbound.services[0].ports[0].routes[0]: the last route must match every request (no matches), so no request is left without a route", c => EditRoute(c, r => r with { Matches = [new HttpRouteMatch { Origin = "x" }] }) },
        { "outbound.services[0].ports[0].routes[0].matches[0].pathRegex: \"^(?=a)\" is not a usable regex", c => EditRoute(c, r => r with { Matches = [new HttpRouteMatch { Origin = "x", PathRegex = "^(?=a)" }] }) },
        { "outbound.clusters[0].endpoints[0].address: \"pod-a\" is not an IP address", c => c with { Outbound = c.Outbound with { Clusters = [c.Outbound.Clusters[0] with { Endpoints = [c.Outbound.Clusters[0].Endpoints[0] with { Address = "pod-a" }] }, c.Outbound.Clusters[1]] } } },
        { "inbound.rules[0].sources[0]: \"web\" is not a \"namespace/serviceaccount\" identity", c => c with { Inbound = c.Inbound with { Rules = [c.Inbound.Rules[0] with { Sources = ["web"] }] } } },
        { "inbound.rules[0].httpMatches[0].methods[0]: \"get\" is not an HTTP method", c => c with { Inbound = c.Inbound with { Rules = [c.Inbound.Rules[0] with { HttpMatches = [c.Inbound.Rules[0].HttpMatches[0] with { Methods = ["get"] }] }] } } },
        { "defaults.loadBalancing: \"Fastest\" is not one of", c => c with { Defaults = c.Defaults with { LoadBalancing = "Fastest" } } },
        { "defaults.requestTimeoutMs: must be a positive number", c => c with { Defaults = c.Defaults with { RequestTimeoutMs = 0 } } },
        { "outbound.services[0].ports[0].port: 70000 is not a port (1-65535)", c => c with { Outbound = c.Outbound with { Services = [c.Outbound.Services[0] with { Ports = [c.Outbound.Services[0].Ports[0] with { Port = 70000 }] }] } } },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_Broken_ReportsPathAndReason(string expected, Func<MeshProxyConfig, MeshProxyConfig> edit)
    {
        var config = ProxyConfigSerializer.WithRevision(edit(SampleConfigs.Canary()));

        var errors = ProxyConfigValidator.Validate(config);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    private static MeshProxyConfig EditRoute(MeshProxyConfig config, Func<OutboundRoute, OutboundRoute> edit)
    {
        var service = config.Outbound.Services[0];
        var port = service.Ports[0];
        var edited = port with { Routes = [edit(port.Routes[0])] };
        return config with { Outbound = config.Outbound with { Services = [service with { Ports = [edited] }] } };
    }

    [Theory]
    [InlineData("spiffe://cluster.local/ns/demo/sa/web", true, "demo/web")]
    [InlineData("spiffe://other.domain/ns/demo/sa/web", false, "")]
    [InlineData("spiffe://cluster.local/ns/demo/sa/", false, "")]
    [InlineData("spiffe://cluster.local/ns/demo/sa/web/extra", false, "")]
    public void TryParseSpiffeId_OnlyOwnTrustDomain(string uri, bool ok, string key)
    {
        Assert.Equal(ok, ProxyIdentity.TryParseSpiffeId(uri, "cluster.local", out var identity));
        if (ok)
        {
            Assert.Equal(key, identity.Key);
        }
    }
}
