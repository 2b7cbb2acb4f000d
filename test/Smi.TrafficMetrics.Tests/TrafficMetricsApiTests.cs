using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.TrafficMetrics.Api;

namespace Smi.TrafficMetrics.Tests;

public sealed class TrafficMetricsApiTests
{
    private const string Root = "/apis/metrics.smi-spec.io/v1alpha1";

    private readonly TrafficMetricsApi _api = new(new FixedWindow(MetricsSamples.Window()), new FixedInventory(MetricsSamples.Inventory()));

    [Fact]
    public async Task Get_Deployment_IsOneTrafficMetricsWithSpecShape()
    {
        var item = await GetJsonAsync($"{Root}/namespaces/demo/deployments/podinfo");

        Assert.Equal("TrafficMetrics", (string?)item["kind"]);
        Assert.Equal("metrics.smi-spec.io/v1alpha1", (string?)item["apiVersion"]);
        Assert.Equal("""{"kind":"Deployment","namespace":"demo","name":"podinfo","apiVersion":"apps/v1"}""", item["resource"]!.ToJsonString());
        Assert.Equal("""{"direction":"from","side":"server","resource":{}}""", item["edge"]!.ToJsonString());
        Assert.Equal("30s", (string?)item["window"]);
        Assert.Equal(MetricsSamples.Now, item["timestamp"]!.GetValue<DateTimeOffset>());
        Assert.Equal("podinfo", (string?)item["metadata"]!["name"]);
        Assert.Equal(
            """[{"name":"p99_response_latency","unit":"ms","value":"24850m"},{"name":"p90_response_latency","unit":"ms","value":"23500m"},{"name":"p50_response_latency","unit":"ms","value":"17500m"},{"name":"success_count","value":"80"},{"name":"failure_count","value":"20"}]""",
            item["metrics"]!.ToJsonString());
    }

    [Fact]
    public async Task Get_DeploymentWithTwoPods_SumsPods_AndCountsCallersWithoutIdentity()
    {
        var item = await GetJsonAsync($"{Root}/namespaces/demo/deployments/podinfo-primary");

        Assert.Equal("940", Metric(item, "success_count"));
        Assert.Equal("0", Metric(item, "failure_count"));
        Assert.Equal("4950m", Metric(item, "p99_response_latency"));
    }

    [Fact]
    public async Task Edges_LoadTester_AreTheWorkloadsItCalled_MeasuredAtTheServer()
    {
        var list = await GetJsonAsync($"{Root}/namespaces/demo/deployments/loadtester/edges");

        Assert.Equal("TrafficMetricsList", (string?)list["kind"]);
        Assert.Equal("loadtester", (string?)list["resource"]!["name"]);
        var items = list["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("to", (string?)i!["edge"]!["direction"]));
        Assert.All(items, i => Assert.Equal("server", (string?)i!["edge"]!["side"]));
        Assert.Equal(["podinfo", "podinfo-primary"], items.Select(i => (string?)i!["edge"]!["resource"]!["name"]));
        Assert.Equal(["80", "900"], items.Select(i => Metric(i!, "success_count")));
    }

    [Fact]
    public async Task Edges_Pod_AreItsCallersByPod_CallersWithoutIdentityLeftOut()
    {
        var list = await GetJsonAsync($"{Root}/namespaces/demo/pods/podinfo-primary-1/edges");

        var edge = Assert.Single(list["items"]!.AsArray());
        Assert.Equal("""{"direction":"from","side":"server","resource":{"kind":"Pod","namespace":"demo","name":"loadtester-0","apiVersion":"v1"}}""", edge!["edge"]!.ToJsonString());
        Assert.Equal("450", Metric(edge, "success_count"));
    }

    [Fact]
    public async Task Get_TrafficSplit_OneItemPerBackendWithApexAndWeight()
    {
        var list = await GetJsonAsync($"{Root}/namespaces/demo/trafficsplits/podinfo");

        var items = list["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal("""{"apex":"podinfo","name":"podinfo-canary","weight":10}""", items[0]!["backend"]!.ToJsonString());
        Assert.Equal("""{"apex":"podinfo","name":"podinfo-primary","weight":90}""", items[1]!["backend"]!.ToJsonString());
        Assert.Equal(["20", "0"], items.Select(i => Metric(i!, "failure_count")));

        // The anonymous health checks addressed podinfo-primary directly, not the apex: not split traffic.
        Assert.Equal(["80", "900"], items.Select(i => Metric(i!, "success_count")));
        Assert.All(items, i => Assert.Equal("TrafficSplit", (string?)i!["resource"]!["kind"]));
    }

    [Fact]
    public async Task List_PodsWithLabelSelector_FiltersItems()
    {
        var list = await GetJsonAsync($"{Root}/namespaces/demo/pods", "app=podinfo-primary");

        Assert.Equal(["podinfo-primary-0", "podinfo-primary-1"], list["items"]!.AsArray().Select(i => (string?)i!["resource"]!["name"]));
    }

    [Fact]
    public async Task List_DeploymentsAcrossNamespaces_IncludesIdleWorkloadWithZeroCountsAndNoLatency()
    {
        var list = await GetJsonAsync($"{Root}/deployments");

        var items = list["items"]!.AsArray();
        Assert.Equal(["loadtester", "podinfo", "podinfo-primary"], items.Select(i => (string?)i!["resource"]!["name"]));
        Assert.Equal("""[{"name":"success_count","value":"0"},{"name":"failure_count","value":"0"}]""", items[0]!["metrics"]!.ToJsonString());
    }

    [Fact]
    public async Task Get_Namespace_CoversEverything()
    {
        var item = await GetJsonAsync($"{Root}/namespaces/demo");

        Assert.Equal("""{"kind":"Namespace","name":"demo","apiVersion":"v1"}""", item["resource"]!.ToJsonString());
        Assert.Equal("1020", Metric(item, "success_count"));
    }

    [Fact]
    public async Task Discovery_GroupAndResources()
    {
        var group = await GetJsonAsync("/apis/metrics.smi-spec.io");
        Assert.Equal("APIGroup", (string?)group["kind"]);
        Assert.Equal("metrics.smi-spec.io/v1alpha1", (string?)group["preferredVersion"]!["groupVersion"]);

        var resources = await GetJsonAsync(Root);
        Assert.Equal("APIResourceList", (string?)resources["kind"]);
        var names = resources["resources"]!.AsArray().Select(r => (string?)r!["name"]).ToList();
        Assert.Contains("trafficsplits", names);
        Assert.Contains("deployments/edges", names);
        Assert.DoesNotContain("trafficsplits/edges", names);
        Assert.False(resources["resources"]!.AsArray().Single(r => (string?)r!["name"] == "namespaces")!["namespaced"]!.GetValue<bool>());

        var groups = await GetJsonAsync("/apis");
        Assert.Equal("metrics.smi-spec.io", (string?)groups["groups"]![0]!["name"]);
    }

    [Theory]
    [InlineData(Root + "/namespaces/demo/widgets", null, 404, "\"widgets\" is not a TrafficMetrics resource")]
    [InlineData(Root + "/namespaces/demo/deployments/nope", null, 404, "deployments \"nope\" not found in namespace \"demo\"")]
    [InlineData(Root + "/namespaces/elsewhere", null, 404, "namespace \"elsewhere\" not found")]
    [InlineData(Root + "/namespaces/demo/deployments", "app=x", 400, "labelSelector is supported for pods only")]
    [InlineData(Root + "/namespaces/demo/pods", "app in (a,b)", 400, "set-based requirements")]
    [InlineData(Root + "/namespaces/demo/trafficsplits/podinfo/edges", null, 404, "trafficsplits have no edges")]
    public async Task Get_BadRequest_StatusWithReason(string path, string? selector, int code, string message)
    {
        var answer = await _api.GetAsync(path, selector, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(code, answer.Status);
        var status = JsonNode.Parse(JsonSerializer.Serialize(answer.Body, answer.Body.GetType()))!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal(code, status["code"]!.GetValue<int>());
        Assert.Contains(message, (string?)status["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12, "12")]
    [InlineData(12.5, "12500m")]
    [InlineData(0.0004, "0")]
    [InlineData(1234567, "1234567")]
    public void Quantity_WholeOrMilli(double value, string expected) =>
        Assert.Equal(expected, TrafficMetricsCalculator.Quantity(value));

    private static string? Metric(JsonNode item, string name) =>
        (string?)item["metrics"]!.AsArray().SingleOrDefault(m => (string?)m!["name"] == name)?["value"];

    private async Task<JsonNode> GetJsonAsync(string path, string? selector = null)
    {
        var answer = await _api.GetAsync(path, selector, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5));
        var json = JsonSerializer.Serialize(answer.Body, answer.Body.GetType());
        Assert.True(answer.Status == 200, $"{answer.Status}: {json}");
        return JsonNode.Parse(json)!;
    }

    private sealed class FixedWindow(TrafficWindow window) : ITrafficWindowSource
    {
        public Task<TrafficWindow> WindowAsync(CancellationToken cancellationToken) => Task.FromResult(window);
    }

    private sealed class FixedInventory(MeshInventory inventory) : IMeshInventorySource
    {
        public MeshInventory Current() => inventory;
    }
}
