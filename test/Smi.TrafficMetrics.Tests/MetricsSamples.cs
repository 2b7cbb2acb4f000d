using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Cluster;

namespace Smi.TrafficMetrics.Tests;

/// <summary>Inputs for the TrafficMetrics tests: the flagger-style mesh and its traffic.</summary>
internal static class MetricsSamples
{
    public static readonly InboundKey Key = new("demo", "Deployment", "loadtester", "loadtester-0", "podinfo.demo", "podinfo-canary.demo");

    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:00:30Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What a proxy's admin /metrics shows for inbound requests from the load tester to the canary.</summary>
    public static string Exposition(int ok, int failed)
    {
        const string labels = """source_identity="demo/loadtester",source_workload="Deployment/loadtester",source_pod="loadtester-0",destination_identity="demo/podinfo",destination_service="podinfo.demo",backend="podinfo-canary.demo",""";
        return $$"""
            # TYPE smi_requests_total counter
            smi_requests_total{{{labels}}status_code="200",classification="success"} {{ok}}
            smi_requests_total{{{labels}}status_code="500",classification="failure"} {{failed}}
            # TYPE smi_request_duration_ms histogram
            smi_request_duration_ms_bucket{{{labels}}status_code="200",classification="success",le="5"} 0
            smi_request_duration_ms_bucket{{{labels}}status_code="200",classification="success",le="10"} {{ok / 2}}
            smi_request_duration_ms_bucket{{{labels}}status_code="200",classification="success",le="25"} {{ok}}
            smi_request_duration_ms_bucket{{{labels}}status_code="200",classification="success",le="+Inf"} {{ok}}
            smi_request_duration_ms_sum{{{labels}}status_code="200",classification="success"} 900
            smi_request_duration_ms_count{{{labels}}status_code="200",classification="success"} {{ok}}
            smi_request_duration_ms_bucket{{{labels}}status_code="500",classification="failure",le="5"} 0
            smi_request_duration_ms_bucket{{{labels}}status_code="500",classification="failure",le="10"} {{failed / 2}}
            smi_request_duration_ms_bucket{{{labels}}status_code="500",classification="failure",le="25"} {{failed}}
            smi_request_duration_ms_bucket{{{labels}}status_code="500",classification="failure",le="+Inf"} {{failed}}
            istio_requests_total{reporter="destination",response_code="200"} {{ok}}
            """;
    }

    public static PodInfo Pod(string name, string workload, string serviceAccount, string ip, params (string Key, string Value)[] labels) => new()
    {
        Namespace = "demo",
        Name = name,
        ServiceAccount = serviceAccount,
        Ip = ip,
        HasProxy = true,
        Workload = new WorkloadRef("Deployment", workload),
        Labels = labels.ToImmutableDictionary(l => l.Key, l => l.Value),
    };

    public static MeshInventory Inventory() => new(
        [
            Pod("loadtester-0", "loadtester", "loadtester", "127.1.0.1", ("app", "loadtester")),
            Pod("podinfo-0", "podinfo", "podinfo", "127.1.0.2", ("app", "podinfo")),
            Pod("podinfo-primary-0", "podinfo-primary", "podinfo", "127.1.0.3", ("app", "podinfo-primary")),
            Pod("podinfo-primary-1", "podinfo-primary", "podinfo", "127.1.0.4", ("app", "podinfo-primary")),
        ],
        ["demo"],
        [new TrafficSplit
        {
            Metadata = new ObjectMeta { Namespace = "demo", Name = "podinfo" },
            SourceApiVersion = "split.smi-spec.io/v1alpha2",
            Service = "podinfo",
            Backends = [new TrafficSplitBackend("podinfo-canary", 10), new TrafficSplitBackend("podinfo-primary", 90)],
        }]);

    /// <summary>
    /// 30 s of load from the load tester to the apex at 10/90: 100 requests reached the canary
    /// (20 failed, all 10–25 ms), 450 each primary pod (all under 5 ms); plus 40 health checks from
    /// a caller without identity to one primary pod.
    /// </summary>
    public static TrafficWindow Window()
    {
        var toCanary = Key;
        var toPrimary = Key with { Backend = "podinfo-primary.demo" };
        var anonymous = new InboundKey("unknown", "unknown", "unknown", "unknown", "podinfo-primary.demo", "podinfo-primary.demo");
        return new TrafficWindow(Now, TimeSpan.FromSeconds(30),
        [
            new EdgeTraffic(new PodRef("demo", "podinfo-0", "Deployment", "podinfo"), new InboundSeries(toCanary, 80, 20, [(5, 0), (10, 0), (25, 100), (double.PositiveInfinity, 100)])),
            new EdgeTraffic(new PodRef("demo", "podinfo-primary-0", "Deployment", "podinfo-primary"), new InboundSeries(toPrimary, 450, 0, [(5, 450), (10, 450), (25, 450), (double.PositiveInfinity, 450)])),
            new EdgeTraffic(new PodRef("demo", "podinfo-primary-1", "Deployment", "podinfo-primary"), new InboundSeries(toPrimary, 450, 0, [(5, 450), (10, 450), (25, 450), (double.PositiveInfinity, 450)])),
            new EdgeTraffic(new PodRef("demo", "podinfo-primary-1", "Deployment", "podinfo-primary"), new InboundSeries(anonymous, 40, 0, [(5, 40), (10, 40), (25, 40), (double.PositiveInfinity, 40)])),
        ]);
    }
}
