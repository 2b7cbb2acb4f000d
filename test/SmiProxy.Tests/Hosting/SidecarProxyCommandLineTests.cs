using System.Net;
using Microsoft.Extensions.Logging;
using Smi.ProxyConfig.Sidecar;
using SmiProxy.Hosting;
using SmiProxy.Settings;

namespace SmiProxy.Tests.Hosting;

public sealed class SidecarProxyCommandLineTests
{
    [Fact]
    public void Parse_Nothing_GivesDocumentedDefaults()
    {
        var result = SidecarProxyCommandLine.Parse([], _ => null);

        var options = Assert.IsType<SidecarProxyOptions>(result.Options);
        Assert.Equal("/etc/smi/config", options.ConfigDirectory);
        Assert.Equal("/etc/smi/certs", options.CertificateDirectory);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 15001), options.OutboundEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 15006), options.InboundEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 15000), options.AdminEndpoint);
        Assert.Equal(IPAddress.Loopback, options.AppAddress);
        Assert.Equal(MetricShapes.Istio, options.MetricShapes);
        Assert.Equal(LogLevel.Warning, options.MinimumLogLevel);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
    }

    [Fact]
    public void Parse_EnvironmentVariables_AreUsed_AndFlagsWin()
    {
        var env = new Dictionary<string, string>
        {
            ["SMI_CONFIG_DIR"] = "/env/config",
            ["SMI_CERT_DIR"] = "none",
            ["POD_NAME"] = "web-abc-123",
            ["POD_NAMESPACE"] = "demo",
            ["SMI_WORKLOAD_KIND"] = "StatefulSet",
            ["SMI_WORKLOAD_NAME"] = "web",
            ["SMI_OUTBOUND"] = "127.1.0.5:15001",
            ["SMI_METRIC_SHAPES"] = "istio, osm",
        };

        var result = SidecarProxyCommandLine.Parse(["--config-dir", "/flag/config", "--inbound=127.1.0.5:15006", "--poll-interval", "250ms"], name => env.GetValueOrDefault(name));

        var options = Assert.IsType<SidecarProxyOptions>(result.Options);
        Assert.Equal("/flag/config", options.ConfigDirectory);
        Assert.Null(options.CertificateDirectory);
        Assert.Equal("web-abc-123", options.PodName);
        Assert.Equal("demo", options.PodNamespace);
        Assert.Equal("StatefulSet", options.WorkloadKind);
        Assert.Equal("web", options.WorkloadName);
        Assert.Equal(IPEndPoint.Parse("127.1.0.5:15001"), options.OutboundEndpoint);
        Assert.Equal(IPEndPoint.Parse("127.1.0.5:15006"), options.InboundEndpoint);
        Assert.Equal(MetricShapes.Istio | MetricShapes.Osm, options.MetricShapes);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PollInterval);
    }

    [Theory]
    [InlineData("--outbound", "localhost", "--outbound")]
    [InlineData("--metric-shapes", "prometheus", "--metric-shapes")]
    [InlineData("--log-level", "loud", "--log-level")]
    [InlineData("--poll-interval", "soon", "--poll-interval")]
    [InlineData("--app-address", "app", "--app-address")]
    public void Parse_BadValue_ErrorNamesTheFlag(string flag, string value, string expected)
    {
        var result = SidecarProxyCommandLine.Parse([flag, value], _ => null);

        Assert.Null(result.Options);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFlagOrMissingValue_Error()
    {
        Assert.Contains("unknown argument", SidecarProxyCommandLine.Parse(["--bogus"], _ => null).Error, StringComparison.Ordinal);
        Assert.Contains("needs a value", SidecarProxyCommandLine.Parse(["--admin"], _ => null).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Help_ShowsHelpListingEveryEnvironmentVariable()
    {
        Assert.True(SidecarProxyCommandLine.Parse(["--help"], _ => null).ShowHelp);
        foreach (var variable in new[] { "SMI_CONFIG_DIR", "SMI_CERT_DIR", "POD_NAME", "POD_NAMESPACE", "SMI_WORKLOAD_KIND", "SMI_WORKLOAD_NAME" })
        {
            Assert.Contains(variable, SidecarProxyCommandLine.HelpText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Deployment", "podinfo-primary-7d4b9c8f6d-x2kqz", null, "podinfo-primary")]
    [InlineData("Deployment", "podinfo-primary-7d4b9c8f6d-x2kqz", "explicit", "explicit")]
    [InlineData("StatefulSet", "db-0", null, "db-0")]
    [InlineData("Deployment", null, null, "sa")]
    public void WorkloadInfo_Resolve_DerivesNameFromPodWhenNotGiven(string kind, string? pod, string? workload, string expected)
    {
        var options = new SidecarProxyOptions { ConfigDirectory = "/c", WorkloadKind = kind, PodName = pod, WorkloadName = workload };

        Assert.Equal(expected, WorkloadInfo.Resolve(options, "ns", "sa").Name);
    }
}
