namespace Smi.ProxyConfig.Tests;

/// <summary>The TrafficPolicy additions to the contract: they round-trip and every field is checked.</summary>
public sealed class PolicyContractTests
{
    private static readonly OutboundPolicy Outbound = new()
    {
        Origins = ["TrafficPolicy demo/web-policy"],
        Matches = [new HttpRouteMatch { Origin = "HTTPRouteGroup demo/web-routes#api", PathRegex = "/api/.*" }],
        Mirror = new MirrorPolicy(new ServiceKey("demo", "web-v2"), "demo/web-v2:80", 10, 32),
        Fault = new FaultPolicy { Delay = new DelayFault(5, 200), Abort = new AbortFault(1, 503) },
        Resilience = new ResilienceSettings { RequestTimeoutMs = 5000, RetryAttempts = 3 },
        RetryBudgetPercent = 20,
        AccessLog = true,
    };

    private static readonly InboundPolicy Inbound = new()
    {
        Origins = ["TrafficPolicy demo/client-limits"],
        Port = 80,
        RateLimits = [new RateLimitPolicy { Id = "demo/client-limits#0", Sources = ["demo/web"], Requests = 100, PeriodMs = 1000, Burst = 20 }],
    };

    public static MeshProxyConfig WithPolicies(Func<OutboundPolicy, OutboundPolicy>? outbound = null, Func<InboundPolicy, InboundPolicy>? inbound = null, Func<BackendCluster, BackendCluster>? cluster = null)
    {
        var config = SampleConfigs.Canary();
        var service = config.Outbound.Services[0];
        return ProxyConfigSerializer.WithRevision(config with
        {
            AccessLog = true,
            Inbound = config.Inbound with { Services = [config.Inbound.Services[0] with { Policies = [(inbound ?? (p => p))(Inbound)] }] },
            Outbound = config.Outbound with
            {
                Services = [service with { Ports = [service.Ports[0] with { Policies = [(outbound ?? (p => p))(Outbound)] }] }],
                Clusters = [(cluster ?? (c => c))(config.Outbound.Clusters[0] with { Resilience = new ResilienceSettings { LoadBalancing = LoadBalancingPolicy.LeastRequests } }), config.Outbound.Clusters[1]],
            },
        });
    }

    [Fact]
    public void Serialize_Policies_RoundTripWithTheSameRevision()
    {
        var config = WithPolicies();

        var parsed = ProxyConfigSerializer.TryDeserialize(ProxyConfigSerializer.Serialize(config), out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Empty(ProxyConfigValidator.Validate(parsed));
        Assert.Equal(config.Revision, ProxyConfigSerializer.ComputeRevision(parsed));
        Assert.Equal(Outbound.Mirror, parsed.Outbound.Services[0].Ports[0].Policies[0].Mirror);
        Assert.Equal(20, parsed.Inbound.Services[0].Policies[0].RateLimits[0].Burst);
        Assert.True(parsed.AccessLog);
    }

    [Fact]
    public void Deserialize_DocumentWithoutPolicies_MeansNone()
    {
        var parsed = ProxyConfigSerializer.TryDeserialize(ProxyConfigSerializer.Serialize(SampleConfigs.Canary()), out _);

        Assert.Empty(parsed!.Outbound.Services[0].Ports[0].Policies);
        Assert.Empty(parsed.Inbound.Services[0].Policies);
        Assert.False(parsed.AccessLog);
    }

    public static TheoryData<string, MeshProxyConfig> Broken => new()
    {
        { "outbound.services[0].ports[0].policies[0].origins: name at least one TrafficPolicy", WithPolicies(outbound: p => p with { Origins = [] }) },
        { "outbound.services[0].ports[0].policies[0].mirror.percent: 0 must be more than 0 and at most 100", WithPolicies(outbound: p => p with { Mirror = p.Mirror! with { Percent = 0 } }) },
        { "outbound.services[0].ports[0].policies[0].mirror.percent: 101 must be more than 0", WithPolicies(outbound: p => p with { Mirror = p.Mirror! with { Percent = 101 } }) },
        { "outbound.services[0].ports[0].policies[0].mirror.cluster: no cluster \"demo/shadow:80\"", WithPolicies(outbound: p => p with { Mirror = p.Mirror! with { Cluster = "demo/shadow:80" } }) },
        { "outbound.services[0].ports[0].policies[0].mirror.maxConcurrent: 0 must be positive", WithPolicies(outbound: p => p with { Mirror = p.Mirror! with { MaxConcurrent = 0 } }) },
        { "outbound.services[0].ports[0].policies[0].fault.delay.percent: -1 must be more than 0", WithPolicies(outbound: p => p with { Fault = new FaultPolicy { Delay = new DelayFault(-1, 10) } }) },
        { "outbound.services[0].ports[0].policies[0].fault.delay.delayMs: 0 must be positive", WithPolicies(outbound: p => p with { Fault = new FaultPolicy { Delay = new DelayFault(10, 0) } }) },
        { "outbound.services[0].ports[0].policies[0].fault.abort.statusCode: 700 must be an HTTP status between 200 and 599", WithPolicies(outbound: p => p with { Fault = new FaultPolicy { Abort = new AbortFault(10, 700) } }) },
        { "outbound.services[0].ports[0].policies[0].resilience.loadBalancing: \"Fastest\" is not one of", WithPolicies(outbound: p => p with { Resilience = new ResilienceSettings { LoadBalancing = "Fastest" } }) },
        { "outbound.services[0].ports[0].policies[0].retryBudgetPercent: 0 must be between 1 and 100", WithPolicies(outbound: p => p with { RetryBudgetPercent = 0 }) },
        { "outbound.services[0].ports[0].policies[0].matches[0].pathRegex: \"^(?=a)\" is not a usable regex", WithPolicies(outbound: p => p with { Matches = [new HttpRouteMatch { Origin = "x", PathRegex = "^(?=a)" }] }) },
        { "outbound.clusters[0].resilience.outlierEjectionMs: must be a positive number", WithPolicies(cluster: c => c with { Resilience = new ResilienceSettings { OutlierEjectionMs = -5 } }) },
        { "inbound.services[0].policies[0].origins: name at least one TrafficPolicy", WithPolicies(inbound: p => p with { Origins = [] }) },
        { "inbound.services[0].policies[0].port: 0 is not a port", WithPolicies(inbound: p => p with { Port = 0 }) },
        { "inbound.services[0].policies[0].rateLimits[0].sources[0]: \"web\" is not a \"namespace/serviceaccount\" identity", WithPolicies(inbound: p => p with { RateLimits = [p.RateLimits[0] with { Sources = ["web"] }] }) },
        { "inbound.services[0].policies[0].rateLimits[0].requests: 0 must be positive", WithPolicies(inbound: p => p with { RateLimits = [p.RateLimits[0] with { Requests = 0 }] }) },
        { "inbound.services[0].policies[0].rateLimits[0].periodMs: 0 must be positive", WithPolicies(inbound: p => p with { RateLimits = [p.RateLimits[0] with { PeriodMs = 0 }] }) },
        { "inbound.services[0].policies[0].rateLimits[0].burst: -1 must be positive", WithPolicies(inbound: p => p with { RateLimits = [p.RateLimits[0] with { Burst = -1 }] }) },
        { "inbound.services[0].policies[0].rateLimits[1].id: duplicate rate limit id \"demo/client-limits#0\"", WithPolicies(inbound: p => p with { RateLimits = [p.RateLimits[0], p.RateLimits[0]] }) },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenPolicy_ReportsPathAndReason(string expected, MeshProxyConfig config)
    {
        var errors = ProxyConfigValidator.Validate(config);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }
}
