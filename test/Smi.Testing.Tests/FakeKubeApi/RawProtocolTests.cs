using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Wire-level details that neither kubectl nor KubernetesClient exercise by default.</summary>
public sealed class RawProtocolTests : FakeKubeApiTest
{
    private HttpClient _http = null!;

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await base.DisposeAsync();
    }

    protected override ValueTask OnStartedAsync(CancellationToken cancellationToken)
    {
        _http = new HttpClient { BaseAddress = Server.Url, Timeout = Deadline.Default };
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task LegacyWatchPath_StreamsNewlineDelimitedEvents()
    {
        using var deadline = Deadline.After();
        Server.Seed("""
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: default}}
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: b, namespace: default}}
            """);

        using var response = await _http.GetAsync("/api/v1/watch/namespaces/default/configmaps?timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        var body = await response.Content.ReadAsStringAsync(deadline.Token);

        var events = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["ADDED", "ADDED"], events.Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal(["a", "b"], events.Select(e => e["object"]!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PostToNamedResource_MethodNotAllowed405()
    {
        using var deadline = Deadline.After();
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync("/api/v1/namespaces/default/configmaps/x", content, deadline.Token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token))!;
        Assert.Equal(("Status", "MethodNotAllowed", 405), (status["kind"]!.GetValue<string>(), status["reason"]!.GetValue<string>(), status["code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task UnknownGroupOrResource_NotFound404NotUnhandled()
    {
        using var deadline = Deadline.After();

        using var group = await _http.GetAsync("/apis/nope.example.com/v1", deadline.Token);
        using var resource = await _http.GetAsync("/api/v1/widgets", deadline.Token);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (group.StatusCode, resource.StatusCode));
        Assert.DoesNotContain(Server.Requests, r => r.Unhandled);
    }

    [Fact]
    public async Task TableAccept_BuiltInList_ServerSidePrintedColumns()
    {
        using var deadline = Deadline.After();
        Server.Seed("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec:
              ports: [{port: 80}, {port: 443, nodePort: 30443}]
            """);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/services");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;as=Table;v=v1;g=meta.k8s.io"));

        using var response = await _http.SendAsync(request, deadline.Token);

        var table = JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token))!;
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        var columns = table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], columns);
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("80/TCP,443:30443/TCP", cells[4]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", table["rows"]![0]!["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task AggregatedDiscovery_CrdResourceListedAfterSeed()
    {
        using var deadline = Deadline.After();
        Server.Seed(TestManifests.Crd);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.Accept.ParseAdd("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");

        using var response = await _http.SendAsync(request, deadline.Token);

        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString().Replace(" ", string.Empty, StringComparison.Ordinal));
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token))!;
        var group = list["items"]!.AsArray().Single(i => i!["metadata"]!["name"]!.GetValue<string>() == TestManifests.Group)!;
        Assert.Equal(["v1alpha4", "v1alpha3"], group["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        var resource = group["versions"]![0]!["resources"]![0]!;
        Assert.Equal(("trafficsplits", "Namespaced"), (resource["resource"]!.GetValue<string>(), resource["scope"]!.GetValue<string>()));
    }
}
