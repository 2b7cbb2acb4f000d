using System.Net;
using Smi.Sandbox.Node;

namespace Smi.Sandbox.Tests.Node;

public sealed class KubeProxyRulesTests
{
    private static readonly ServicePortRule Web = new(
        "demo/web",
        IPAddress.Parse("10.96.0.10"),
        IPAddress.Parse("fd00:10:96::a"),
        80,
        "tcp",
        [new(IPAddress.Parse("10.244.0.3"), IPAddress.Parse("fd00:10:244::3"), 8080), new(IPAddress.Parse("10.244.0.4"), IPAddress.Parse("fd00:10:244::4"), 8080), new(IPAddress.Parse("10.244.0.5"), IPAddress.Parse("fd00:10:244::5"), 8080)]);

    [Fact]
    public void Render_ThreeEndpoints_KubeProxyProbabilitiesAndOneChainPerServicePort()
    {
        var rules = KubeProxyRules.Render([Web], ipv6: false);

        Assert.StartsWith("*nat\n", rules, StringComparison.Ordinal);
        Assert.Contains("-A SMI-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -m comment --comment \"demo/web:80\" -j SMI-SVC-0", rules, StringComparison.Ordinal);
        Assert.Contains("-A SMI-SVC-0 -p tcp -m statistic --mode random --probability 0.33333 -j DNAT --to-destination 10.244.0.3:8080", rules, StringComparison.Ordinal);
        Assert.Contains("-A SMI-SVC-0 -p tcp -m statistic --mode random --probability 0.50000 -j DNAT --to-destination 10.244.0.4:8080", rules, StringComparison.Ordinal);
        Assert.Contains("-A SMI-SVC-0 -p tcp -j DNAT --to-destination 10.244.0.5:8080", rules, StringComparison.Ordinal);
        Assert.EndsWith("COMMIT\n", rules.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Ipv6_UsesTheTwinAddressesInBrackets()
    {
        var rules = KubeProxyRules.Render([Web], ipv6: true);

        Assert.Contains("-d fd00:10:96::a/128", rules, StringComparison.Ordinal);
        Assert.Contains("--to-destination [fd00:10:244::5]:8080", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoReadyEndpoint_NoRuleForThatPort()
    {
        var rules = KubeProxyRules.Render([Web with { Endpoints = [] }], ipv6: false);

        Assert.DoesNotContain("10.96.0.10", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void HostsFile_ServiceNames_ShortNameOnlyInTheSameNamespace()
    {
        var hosts = HostsFile.Render("client-0", "demo", "10.244.0.2", [("demo", "web", "10.96.0.10"), ("prod", "db", "10.96.0.11")], "cluster.local");

        Assert.Contains("10.244.0.2\tclient-0", hosts, StringComparison.Ordinal);
        Assert.Contains("10.96.0.10\tweb.demo.svc.cluster.local web.demo.svc web.demo web\n", hosts.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("10.96.0.11\tdb.prod.svc.cluster.local db.prod.svc db.prod\n", hosts.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterIpAllocator_SameServiceSameAddress_Ipv6TwinShareTheOffset()
    {
        var allocator = new ClusterIpAllocator();

        var web = allocator.Allocate("demo/web");
        Assert.Equal(web, allocator.Allocate("demo/web"));
        Assert.NotEqual(web, allocator.Allocate("demo/db"));
        Assert.Equal("10.96.0.10", web);
        Assert.Equal(IPAddress.Parse("fd00:10:96::a"), ClusterIpAllocator.Ipv6Twin(IPAddress.Parse(web)));
    }
}
