using System.Globalization;
using Smi.ProxyConfig.Sidecar;
using SmiProxy.Telemetry;
using SmiProxy.Tests.Infrastructure;

namespace SmiProxy.Tests.Telemetry;

public sealed class MetricsTests
{
    private const int Requests = 7;

    [Fact]
    public async Task Metrics_AfterNRequests_EverySeriesShowsNWithExactLabels()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(
            mesh,
            b => b.Allow("TrafficTarget demo/allow", ["demo/client"]),
            options => options with { MetricShapes = MetricShapes.All, PodName = "web-5f6d7c8b9-abcde", WorkloadName = "web-primary", PodNamespace = "demo" });
        for (var i = 0; i < Requests; i++)
        {
            using var response = await pair.Client.GetAsync("http://web.demo/");
            response.EnsureSuccessStatusCode();
        }

        var server = await pair.Server.MetricsAsync();
        var client = await pair.Client.MetricsAsync();
        var principal = "spiffe://cluster.local/ns/demo/sa/client";

        AssertSample(server, "smi_requests_total", $$"""{source_identity="demo/client",source_workload="Deployment/client",source_pod="client-7d4b9c8f6d-x2kqz",destination_identity="demo/web",destination_service="web.demo",backend="web.demo",status_code="200",classification="success"}""", Requests);
        AssertSample(server, "smi_request_duration_ms_count", $$"""{source_identity="demo/client",source_workload="Deployment/client",source_pod="client-7d4b9c8f6d-x2kqz",destination_identity="demo/web",destination_service="web.demo",backend="web.demo",status_code="200",classification="success"}""", Requests);
        AssertSample(client, "smi_outbound_requests_total", $$"""{source_identity="demo/client",destination_identity="demo/web",destination_service="web.demo",backend="web.demo",status_code="200",classification="success"}""", Requests);

        AssertSample(server, "istio_requests_total", $$"""{reporter="destination",source_workload="client",source_workload_namespace="demo",source_principal="{{principal}}",destination_workload="web-primary",destination_workload_namespace="demo",destination_principal="spiffe://cluster.local/ns/demo/sa/web",destination_service="web.demo.svc.cluster.local",destination_service_name="web",destination_service_namespace="demo",request_protocol="http",response_code="200",connection_security_policy="mutual_tls"}""", Requests);
        AssertSample(server, "istio_request_duration_milliseconds_bucket", $$"""{reporter="destination",source_workload="client",source_workload_namespace="demo",source_principal="{{principal}}",destination_workload="web-primary",destination_workload_namespace="demo",destination_principal="spiffe://cluster.local/ns/demo/sa/web",destination_service="web.demo.svc.cluster.local",destination_service_name="web",destination_service_namespace="demo",request_protocol="http",response_code="200",connection_security_policy="mutual_tls",le="+Inf"}""", Requests);

        AssertSample(server, "osm_request_total", """{source_namespace="demo",source_kind="Deployment",source_name="client",source_pod="client-7d4b9c8f6d-x2kqz",destination_namespace="demo",destination_kind="Deployment",destination_name="web-primary",destination_pod="web-5f6d7c8b9-abcde",response_code="200"}""", Requests);
        AssertSample(server, "osm_request_duration_ms_bucket", """{source_namespace="demo",source_kind="Deployment",source_name="client",source_pod="client-7d4b9c8f6d-x2kqz",destination_namespace="demo",destination_kind="Deployment",destination_name="web-primary",destination_pod="web-5f6d7c8b9-abcde",le="+Inf"}""", Requests);

        AssertSample(server, "response_total", $$"""{direction="inbound",namespace="demo",deployment="web-primary",pod="web-5f6d7c8b9-abcde",tls="true",client_id="{{principal}}",status_code="200",classification="success"}""", Requests);
        AssertSample(server, "response_latency_ms_bucket", $$"""{direction="inbound",namespace="demo",deployment="web-primary",pod="web-5f6d7c8b9-abcde",tls="true",client_id="{{principal}}",status_code="200",le="+Inf"}""", Requests);

        // Histograms use the documented millisecond buckets: our own for smi_*, Envoy's for the
        // Istio and OSM shapes, linkerd2-proxy's for the Linkerd shape.
        Assert.Equal(ProxyMetrics.DurationBucketsMs, Buckets(server, "smi_request_duration_ms_bucket"));
        Assert.Equal(ProxyMetrics.DurationBucketsMs, Buckets(client, "smi_outbound_request_duration_ms_bucket"));
        Assert.Equal(ProxyMetrics.EnvoyBucketsMs, Buckets(server, "istio_request_duration_milliseconds_bucket"));
        Assert.Equal(ProxyMetrics.EnvoyBucketsMs, Buckets(server, "osm_request_duration_ms_bucket"));
        Assert.Equal(ProxyMetrics.LinkerdBucketsMs, Buckets(server, "response_latency_ms_bucket"));

        // The client proxy records no inbound (Flagger) series; only the destination reports them.
        Assert.DoesNotContain("istio_requests_total{", client, StringComparison.Ordinal);
        Assert.Contains("smi_proxy_ready 1", server, StringComparison.Ordinal);
        Assert.Contains($"smi_proxy_config_info{{revision=\"{pair.Server.Host.ServedRevision}\"}} 1", server, StringComparison.Ordinal);
        Assert.Contains("smi_proxy_certificate_expiration_timestamp_seconds ", server, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_TwoInstancesInOneProcess_KeepSeparateCounts()
    {
        await using var mesh = new TestMesh();
        var app = await mesh.StartAppAsync("web");
        var config = new ConfigBuilder(MeshPair.ClientIdentity).PlainService("web", 80, ConfigBuilder.Plain(app)).Build();
        var first = await mesh.StartProxyAsync(MeshPair.ClientIdentity, config);
        var second = await mesh.StartProxyAsync(MeshPair.ClientIdentity, config);

        for (var i = 0; i < 3; i++)
        {
            (await first.GetAsync("http://web.demo/")).Dispose();
        }

        for (var i = 0; i < 5; i++)
        {
            (await second.GetAsync("http://web.demo/")).Dispose();
        }

        const string labels = """{source_identity="demo/client",destination_identity="unknown",destination_service="web.demo",backend="web.demo",status_code="200",classification="success"}""";
        AssertSample(await first.MetricsAsync(), "smi_outbound_requests_total", labels, 3);
        AssertSample(await second.MetricsAsync(), "smi_outbound_requests_total", labels, 5);
    }

    [Fact]
    public async Task Metrics_DefaultShapes_IstioOnly()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh, b => b.Allow("TrafficTarget demo/allow", ["demo/client"]));
        (await pair.Client.GetAsync("http://web.demo/")).Dispose();

        var server = await pair.Server.MetricsAsync();

        Assert.Contains("istio_requests_total{", server, StringComparison.Ordinal);
        Assert.DoesNotContain("osm_request_total{", server, StringComparison.Ordinal);
        Assert.DoesNotContain("response_total{", server, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_DeniedRequest_CountedAsSuccessClassification403()
    {
        await using var mesh = new TestMesh();
        var pair = await MeshPair.StartAsync(mesh);
        (await pair.Client.GetAsync("http://web.demo/")).Dispose();

        AssertSample(await pair.Server.MetricsAsync(), "smi_requests_total", """{source_identity="demo/client",source_workload="Deployment/client",source_pod="client-7d4b9c8f6d-x2kqz",destination_identity="demo/web",destination_service="web.demo",backend="web.demo",status_code="403",classification="success"}""", 1);
    }

    private static void AssertSample(string exposition, string name, string labels, double expected)
    {
        var wanted = PrometheusText.Parse($"{name}{labels} 0")[0].Labels;
        var value = PrometheusText.Find(exposition, name, wanted);
        Assert.True(value is not null, $"no sample {name}{labels} in:\n{string.Join('\n', exposition.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)))}");
        Assert.Equal(expected, value);
    }

    private static double[] Buckets(string exposition, string series) =>
        PrometheusText.Parse(exposition).Where(s => s.Name == series).Select(s => s.Labels["le"]).Where(le => le != "+Inf")
            .Select(le => double.Parse(le, CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
}
