using System.Text.Json.Nodes;
using k8s;
using Smi.Testing.FakeKubeApi;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>The real kubectl (on PATH) driving the fake: apply, get (tables, yaml), re-apply, delete, watch.</summary>
public sealed class KubectlTests : FakeKubeApiTest
{
    private Kubectl _kubectl = null!;

    public override async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Kubectl.Binary is null, "kubectl is not on PATH; the kubectl compatibility tests need the real binary");
        await base.InitializeAsync();
        _kubectl = new Kubectl(Server);
    }

    public override async ValueTask DisposeAsync()
    {
        _kubectl?.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Apply_WorkloadsCrdAndCustomResource_StoredAndPrinted()
    {
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("crd.yaml", TestManifests.Crd);
        await ApplyAsync("split.yaml", TestManifests.Split(90, 10));

        Assert.NotNull(Server.Get(string.Empty, "v1", "namespaces", null, "shop"));
        Assert.NotNull(Server.Get(string.Empty, "v1", "services", "shop", "web"));
        Assert.NotNull(Server.Get("apps", "v1", "deployments", "shop", "web"));
        var split = Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "web-split");
        Assert.Equal("web", split?["spec"]?["service"]?.GetValue<string>());

        var table = await RunAsync("get tsf -n shop");
        var lines = table.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "SERVICE", "FIRST-BACKEND", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("web-split", lines[1], StringComparison.Ordinal);
        Assert.Contains(" web ", lines[1], StringComparison.Ordinal);
        Assert.Contains("web-v1", lines[1], StringComparison.Ordinal);

        var yaml = await RunAsync("get trafficsplit web-split -n shop -o yaml");
        Assert.Contains("apiVersion: split.fake.test/v1alpha4", yaml.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("service: web-v2", yaml.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("generation: 1", yaml.StandardOutput, StringComparison.Ordinal);

        var builtIns = await RunAsync("get svc,deploy -n shop");
        Assert.Contains("ClusterIP", builtIns.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("80/TCP", builtIns.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/web", builtIns.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("web-split", (await RunAsync("get smi -A")).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ChangedFieldThenSameContent_BumpsGenerationOnceAndReapplyChangesNothing()
    {
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("crd.yaml", TestManifests.Crd);
        await ApplyAsync("split.yaml", TestManifests.Split(90, 10));

        var changed = await ApplyAsync("split.yaml", TestManifests.Split(50, 50));
        Assert.Contains("configured", changed.StandardOutput, StringComparison.Ordinal);
        var afterChange = Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "web-split")!;
        Assert.Equal(2, afterChange["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(50, afterChange["spec"]!["backends"]![0]!["weight"]!.GetValue<int>());

        var rvBefore = Server.ResourceVersion;
        var same = await ApplyAsync("split.yaml", TestManifests.Split(50, 50));
        Assert.Contains("unchanged", same.StandardOutput, StringComparison.Ordinal);
        var workloads = await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        Assert.DoesNotContain("configured", workloads.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(rvBefore, Server.ResourceVersion);

        // A strategic merge patch of a built-in: the container image changes, the list keeps its one container.
        await ApplyAsync("workloads.yaml", TestManifests.Workloads.Replace("nginx:1.25", "nginx:1.26", StringComparison.Ordinal));
        var deployment = Server.Get("apps", "v1", "deployments", "shop", "web")!;
        var containers = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Single(containers);
        Assert.Equal("nginx:1.26", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delete_CustomResource_RemovedAndClientWatchSeesEveryEvent()
    {
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("crd.yaml", TestManifests.Crd);
        using var client = Server.CreateClient();
        using var deadline = Deadline.After(TimeSpan.FromSeconds(25));
        var events = new List<(WatchEventType Type, long Generation)>();
        var start = Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var watching = Task.Run(
            async () =>
            {
                var stream = client.CustomObjects.WatchListNamespacedCustomObjectAsync(TestManifests.Group, "v1alpha4", "shop", "trafficsplits", resourceVersion: start, onError: ex => throw ex, cancellationToken: deadline.Token);
                await foreach (var (type, item) in stream)
                {
                    var obj = JsonNode.Parse(((System.Text.Json.JsonElement)item).GetRawText())!;
                    events.Add((type, obj["metadata"]!["generation"]!.GetValue<long>()));
                    if (type == WatchEventType.Deleted)
                    {
                        return;
                    }
                }
            },
            deadline.Token);

        await ApplyAsync("split.yaml", TestManifests.Split(90, 10));
        await ApplyAsync("split.yaml", TestManifests.Split(0, 100));
        var deleted = await RunAsync("delete tsf web-split -n shop");
        Assert.Contains("deleted", deleted.StandardOutput, StringComparison.Ordinal);
        await watching.WaitAsync(deadline.Token);

        Assert.Equal([(WatchEventType.Added, 1L), (WatchEventType.Modified, 2L), (WatchEventType.Deleted, 2L)], events);
        Assert.Null(Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "web-split"));
        var missing = await _kubectl.RunAsync("get tsf web-split -n shop", cancellationToken: deadline.Token);
        Assert.False(missing.Succeeded, missing.ToString());
        Assert.Contains("NotFound", missing.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWatch_ModifiedAndDeleted_PrintsARowPerEvent()
    {
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("crd.yaml", TestManifests.Crd);
        await ApplyAsync("split.yaml", TestManifests.Split(90, 10));
        using var deadline = Deadline.After(TimeSpan.FromSeconds(25));
        var watch = _kubectl.RunAsync("get tsf -n shop --watch --output-watch-events", TimeSpan.FromSeconds(20), deadline.Token);
        await WaitForWatchAsync(deadline.Token);

        await ApplyAsync("split.yaml", TestManifests.Split(10, 90));
        await RunAsync("delete tsf web-split -n shop");
        // Events are queued on the watch before each write returns, so closing the watch now still
        // delivers them; kubectl get --watch exits 0 when the server ends the stream.
        Server.DropWatches();
        var result = await watch;

        Assert.True(result.Succeeded, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("EVENT", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("ADDED", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("MODIFIED", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("DELETED", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyServerSide_CustomResource_OwnsFieldsAndDropsRemovedOnes()
    {
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("crd.yaml", TestManifests.Crd);
        var path = _kubectl.WriteFile("ssa.yaml", TestManifests.Split(90, 10) + "\n  extra: drop-me\n");
        await RunAsync($"apply --server-side -f {path}");
        Assert.Equal("drop-me", Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "web-split")!["spec"]!["extra"]!.GetValue<string>());

        await RunAsync($"apply --server-side -f {_kubectl.WriteFile("ssa.yaml", TestManifests.Split(90, 10))}");

        var stored = Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "web-split")!;
        Assert.Null(stored["spec"]!["extra"]);
        var managers = stored["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal("kubectl", Assert.Single(managers)!["manager"]!.GetValue<string>());
        Assert.Equal("Apply", managers[0]!["operation"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScaleLabelAnnotatePatch_BuiltInAndCustom_Applied()
    {
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("crd.yaml", TestManifests.Crd);
        await ApplyAsync("split.yaml", TestManifests.Split(90, 10));

        await RunAsync("scale deployment web -n shop --replicas=5");
        await RunAsync("label tsf web-split -n shop team=payments");
        await RunAsync("annotate svc web -n shop owner=mesh");
        await RunAsync("wait --for=condition=Established crd/trafficsplits.split.fake.test --timeout=5s");
        var patched = await _kubectl.RunAsync(["patch", "tsf", "web-split", "-n", "shop", "--type", "merge", "-p", """{"spec":{"service":"web-apex"}}"""]);
        Assert.True(patched.Succeeded, patched.ToString());

        Assert.Equal(5, Server.Get("apps", "v1", "deployments", "shop", "web")!["spec"]!["replicas"]!.GetValue<long>());
        var split = Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "web-split")!;
        Assert.Equal(("payments", "web-apex"), (split["metadata"]!["labels"]!["team"]!.GetValue<string>(), split["spec"]!["service"]!.GetValue<string>()));
        Assert.Equal("mesh", Server.Get(string.Empty, "v1", "services", "shop", "web")!["metadata"]!["annotations"]!["owner"]!.GetValue<string>());
        Assert.Contains("web-apex", (await RunAsync("get tsf -n shop -l team=payments")).StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("web-split", (await RunAsync("get tsf -n shop -l team=other")).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOtherServedVersion_CustomResource_ConvertedFromStorageVersion()
    {
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("crd.yaml", TestManifests.Crd);
        await ApplyAsync("split.yaml", TestManifests.Split(90, 10));

        var json = await RunAsync("get trafficsplits.v1alpha3.split.fake.test web-split -n shop -o json");

        var obj = JsonNode.Parse(json.StandardOutput)!;
        Assert.Equal("split.fake.test/v1alpha3", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal("web", obj["spec"]!["service"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_LegacyDiscoveryOnly_KubectlFallsBack()
    {
        using var deadline = Deadline.After();
        await RestartServerAsync(new FakeKubeApiOptions { AggregatedDiscovery = false }, deadline.Token);
        _kubectl.Dispose();
        _kubectl = new Kubectl(Server);

        await ApplyAsync("crd.yaml", TestManifests.Crd);
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("split.yaml", TestManifests.Split(90, 10));

        Assert.Contains("web-split", (await RunAsync("get tsf -n shop")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains(Server.Requests, r => r.Path == $"/apis/{TestManifests.Group}/v1alpha4" && r.StatusCode == 200);
    }

    [Fact]
    public async Task Apply_UnknownFieldFromValidator_StrictRejectsAndWarnPrunes()
    {
        using var deadline = Deadline.After();
        var options = new FakeKubeApiOptions
        {
            // Stands in for the structural-schema validator: spec.extra is not in the schema.
            Validator = request =>
            {
                var pruned = request.Object.DeepClone().AsObject();
                var unknown = pruned["spec"]?.AsObject().Remove("extra") == true ? new[] { "spec.extra" } : [];
                return CustomResourceValidationResult.Valid(pruned, unknown);
            },
        };
        await RestartServerAsync(options, deadline.Token);
        _kubectl.Dispose();
        _kubectl = new Kubectl(Server);
        await ApplyAsync("workloads.yaml", TestManifests.Workloads);
        await ApplyAsync("crd.yaml", TestManifests.Crd);
        var path = _kubectl.WriteFile("split.yaml", TestManifests.Split(90, 10) + "\n  extra: surprise\n");

        var strict = await _kubectl.RunAsync($"apply -f {path}", cancellationToken: deadline.Token);
        var warn = await _kubectl.RunAsync($"apply --validate=warn -f {path}", cancellationToken: deadline.Token);

        Assert.False(strict.Succeeded, strict.ToString());
        Assert.Contains("strict decoding error: unknown field \"spec.extra\"", strict.StandardError, StringComparison.Ordinal);
        Assert.True(warn.Succeeded, warn.ToString());
        Assert.Contains("Warning: unknown field \"spec.extra\"", warn.StandardError, StringComparison.Ordinal);
        var stored = Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "web-split")!;
        Assert.Null(stored["spec"]!["extra"]);
    }

    private async Task<KubectlResult> ApplyAsync(string file, string yaml) =>
        await RunAsync($"apply -f {_kubectl.WriteFile(file, yaml)}");

    private async Task<KubectlResult> RunAsync(string arguments)
    {
        using var deadline = Deadline.After(TimeSpan.FromSeconds(25));
        var result = await _kubectl.RunAsync(arguments, cancellationToken: deadline.Token);
        Assert.True(result.Succeeded, result.ToString());
        return result;
    }
}
