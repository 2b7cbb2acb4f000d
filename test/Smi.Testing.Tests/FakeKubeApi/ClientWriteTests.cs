using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Writes through KubernetesClient: optimistic concurrency, patches, status, deletes, errors, paging.</summary>
public sealed class ClientWriteTests : FakeKubeApiTest
{
    [Fact]
    public async Task Replace_StaleResourceVersion_Conflict409()
    {
        using var deadline = Deadline.After();
        var created = await CreateConfigMapAsync("cm", deadline.Token);
        created.Data["k"] = "first";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cm", "default", cancellationToken: deadline.Token);

        created.Data["k"] = "second";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cm", "default", cancellationToken: deadline.Token));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal(("Conflict", 409), (status.Reason, status.Code));
        Assert.Contains("the object has been modified", status.Message, StringComparison.Ordinal);
        Assert.Equal("first", Server.Get(string.Empty, "v1", "configmaps", "default", "cm")!["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_Existing_AlreadyExists409_AndMissingNamespace404()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("cm", deadline.Token);

        var exists = await Assert.ThrowsAsync<HttpOperationException>(() => CreateConfigMapAsync("cm", deadline.Token));
        var noNamespace = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" } }, "nowhere", cancellationToken: deadline.Token));

        Assert.Equal("AlreadyExists", KubernetesJson.Deserialize<V1Status>(exists.Response.Content).Reason);
        var status = KubernetesJson.Deserialize<V1Status>(noNamespace.Response.Content);
        Assert.Equal((404, "namespaces \"nowhere\" not found"), (status.Code, status.Message));
    }

    [Fact]
    public async Task Create_GenerateNameAndDryRun_NamedAndNotStored()
    {
        using var deadline = Deadline.After();
        var generated = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "cfg-" } }, "default", cancellationToken: deadline.Token);
        var dry = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dry" } }, "default", dryRun: "All", cancellationToken: deadline.Token);

        Assert.Matches("^cfg-[a-z0-9]{5}$", generated.Name());
        Assert.Equal("dry", dry.Name());
        Assert.Null(Server.Get(string.Empty, "v1", "configmaps", "default", "dry"));
    }

    [Fact]
    public async Task Create_InvalidName_Invalid422WithCause()
    {
        using var deadline = Deadline.After();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => CreateConfigMapAsync("Not_Valid", deadline.Token));

        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal(("Invalid", 422), (status.Reason, status.Code));
        Assert.Equal("metadata.name", Assert.Single(status.Details.Causes).Field);
    }

    [Fact]
    public async Task Patch_MergeJsonAndStrategic_AppliedAndGenerationTracksSpec()
    {
        using var deadline = Deadline.After();
        Server.Seed(TestManifests.Workloads);
        var merge = new V1Patch("""{"metadata":{"labels":{"team":"a"}}}""", V1Patch.PatchType.MergePatch);
        var json = new V1Patch("""[{"op":"replace","path":"/spec/replicas","value":3}]""", V1Patch.PatchType.JsonPatch);
        var strategic = new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"proxy:1"}]}}}}""", V1Patch.PatchType.StrategicMergePatch);

        var labelled = await Client.AppsV1.PatchNamespacedDeploymentAsync(merge, "web", "shop", cancellationToken: deadline.Token);
        var scaled = await Client.AppsV1.PatchNamespacedDeploymentAsync(json, "web", "shop", cancellationToken: deadline.Token);
        var withSidecar = await Client.AppsV1.PatchNamespacedDeploymentAsync(strategic, "web", "shop", cancellationToken: deadline.Token);

        Assert.Equal(1, labelled.Generation());
        Assert.Equal((2L, 3), (scaled.Generation()!.Value, scaled.Spec.Replicas!.Value));
        Assert.Equal(["web", "sidecar"], withSidecar.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.Equal(3, withSidecar.Generation());
    }

    [Fact]
    public async Task StatusSubresource_MainWritesIgnoreStatusAndStatusWritesIgnoreSpec()
    {
        using var deadline = Deadline.After();
        Server.Seed(TestManifests.Workloads);
        var viaMain = new V1Patch("""{"spec":{"replicas":5},"status":{"replicas":9}}""", V1Patch.PatchType.MergePatch);
        var viaStatus = new V1Patch("""{"spec":{"replicas":1},"status":{"replicas":2,"readyReplicas":2}}""", V1Patch.PatchType.MergePatch);

        var afterMain = await Client.AppsV1.PatchNamespacedDeploymentAsync(viaMain, "web", "shop", cancellationToken: deadline.Token);
        var afterStatus = await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(viaStatus, "web", "shop", cancellationToken: deadline.Token);

        Assert.Equal(5, afterMain.Spec.Replicas);
        Assert.Null(afterMain.Status?.Replicas);
        Assert.Equal((5, 2, 2), (afterStatus.Spec.Replicas!.Value, afterStatus.Status.Replicas!.Value, afterStatus.Status.ReadyReplicas!.Value));
        Assert.Equal(afterMain.Generation(), afterStatus.Generation());
    }

    [Fact]
    public async Task ScaleSubresource_Deployment_ReadsAndWritesReplicas()
    {
        using var deadline = Deadline.After();
        Server.Seed(TestManifests.Workloads);

        var scale = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "shop", cancellationToken: deadline.Token);
        Assert.Equal(2, scale.Spec.Replicas);
        Assert.Equal("app=web", scale.Status.Selector);
        var patched = await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", "shop", cancellationToken: deadline.Token);
        scale.Spec.Replicas = 1;
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", "shop", cancellationToken: deadline.Token));

        Assert.Equal(4, patched.Spec.Replicas);
        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        var deployment = Server.Get("apps", "v1", "deployments", "shop", "web")!;
        Assert.Equal((4L, 2L), (deployment["spec"]!["replicas"]!.GetValue<long>(), deployment["metadata"]!["generation"]!.GetValue<long>()));
    }

    [Fact]
    public async Task FailNext_MatchingRequest_FailsOnceWithStatus()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("cm", deadline.Token);
        Server.FailNext("get", "/api/v1/namespaces/default/configmaps/cm", 503);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("cm", "default", cancellationToken: deadline.Token));
        var retried = await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", "default", cancellationToken: deadline.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);
        Assert.Equal("ServiceUnavailable", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason);
        Assert.Equal("cm", retried.Name());
    }

    [Fact]
    public async Task List_LabelAndFieldSelectors_Filter()
    {
        using var deadline = Deadline.After();
        await CreateConfigMapAsync("a", deadline.Token, new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" });
        await CreateConfigMapAsync("b", deadline.Token, new Dictionary<string, string> { ["tier"] = "db" });
        await CreateConfigMapAsync("c", deadline.Token);

        var web = await Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier=web", cancellationToken: deadline.Token);
        var notWeb = await Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier,tier notin (web)", cancellationToken: deadline.Token);
        var named = await Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: "metadata.name=c", cancellationToken: deadline.Token);
        var bad = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "data.k=v", cancellationToken: deadline.Token));

        Assert.Equal(["a"], web.Items.Select(i => i.Name()));
        Assert.Equal(["b"], notWeb.Items.Select(i => i.Name()));
        Assert.Equal(["c"], named.Items.Select(i => i.Name()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Response.StatusCode);
    }

    [Fact]
    public async Task List_LimitAndContinue_PagesInKeyOrder_AndExpiredTokenIs410()
    {
        using var deadline = Deadline.After();
        foreach (var name in new[] { "e", "b", "d", "a", "c" })
        {
            await CreateConfigMapAsync(name, deadline.Token);
        }

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, cancellationToken: deadline.Token);
        var second = await Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: first.Continue(), cancellationToken: deadline.Token);
        var third = await Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: second.Continue(), cancellationToken: deadline.Token);

        Assert.Equal(["a", "b"], first.Items.Select(i => i.Name()));
        Assert.Equal(3, first.Metadata.RemainingItemCount);
        Assert.Equal(["c", "d"], second.Items.Select(i => i.Name()));
        Assert.Equal(["e"], third.Items.Select(i => i.Name()));
        Assert.Null(third.Continue());
        Assert.Equal(first.ResourceVersion(), third.ResourceVersion());

        await CreateConfigMapAsync("f", deadline.Token);
        Server.Compact();
        var expired = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: first.Continue(), cancellationToken: deadline.Token));
        Assert.Equal(HttpStatusCode.Gone, expired.Response.StatusCode);
        Assert.Equal("Expired", KubernetesJson.Deserialize<V1Status>(expired.Response.Content).Reason);
    }

    [Fact]
    public async Task List_PagesAfterConcurrentWrites_ServedFromTheFirstPagesSnapshot()
    {
        using var deadline = Deadline.After();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await CreateConfigMapAsync(name, deadline.Token);
        }

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, cancellationToken: deadline.Token);
        await CreateConfigMapAsync("bb", deadline.Token);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("d", "default", cancellationToken: deadline.Token);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"changed"}}""", V1Patch.PatchType.MergePatch), "c", "default", cancellationToken: deadline.Token);
        var rest = await Client.CoreV1.ListNamespacedConfigMapAsync("default", continueParameter: first.Continue(), cancellationToken: deadline.Token);
        var exact = await Client.CoreV1.ListNamespacedConfigMapAsync("default", resourceVersion: first.ResourceVersion(), resourceVersionMatch: "Exact", cancellationToken: deadline.Token);

        Assert.Equal(["c", "d"], rest.Items.Select(i => i.Name()));
        Assert.Equal("v", rest.Items[0].Data["k"]);
        Assert.Equal(["a", "b", "c", "d"], exact.Items.Select(i => i.Name()));
        Assert.Equal(first.ResourceVersion(), exact.ResourceVersion());
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarksThenRemovesWhenFinalizerCleared()
    {
        using var deadline = Deadline.After();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/cleanup"] } }, "default", cancellationToken: deadline.Token);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("held", "default", cancellationToken: deadline.Token);
        var marked = await Client.CoreV1.ReadNamespacedConfigMapAsync("held", "default", cancellationToken: deadline.Token);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);

        var clear = new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(clear, "held", "default", cancellationToken: deadline.Token);

        Assert.Null(Server.Get(string.Empty, "v1", "configmaps", "default", "held"));
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("held", "default", cancellationToken: deadline.Token));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Delete_Owner_GarbageCollectsDependentsUnlessOrphaned()
    {
        using var deadline = Deadline.After();
        var owner = await CreateConfigMapAsync("owner", deadline.Token);
        var reference = new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Uid() };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "child", OwnerReferences = [reference] } }, "default", cancellationToken: deadline.Token);
        var keeper = await CreateConfigMapAsync("keeper", deadline.Token);
        var orphanReference = new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "keeper", Uid = keeper.Uid() };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "orphan", OwnerReferences = [orphanReference] } }, "default", cancellationToken: deadline.Token);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default", cancellationToken: deadline.Token);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("keeper", "default", propagationPolicy: "Orphan", cancellationToken: deadline.Token);

        Assert.Null(Server.Get(string.Empty, "v1", "configmaps", "default", "child"));
        var orphan = Server.Get(string.Empty, "v1", "configmaps", "default", "orphan");
        Assert.NotNull(orphan);
        Assert.Null(orphan["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task Delete_Namespace_TakesItsContents()
    {
        using var deadline = Deadline.After();
        Server.Seed(TestManifests.Workloads);

        await Client.CoreV1.DeleteNamespaceAsync("shop", cancellationToken: deadline.Token);

        Assert.Empty(Server.List(string.Empty, "v1", "services", "shop"));
        Assert.Empty(Server.List("apps", "v1", "deployments", "shop"));
        Assert.Null(Server.Get(string.Empty, "v1", "namespaces", null, "shop"));
    }

    [Fact]
    public async Task UnknownRoute_Answers501AndIsReported()
    {
        using var deadline = Deadline.After();
        Server.Seed("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: default}
            spec: {containers: [{name: c, image: busybox}]}
            """);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedPodLogAsync("p", "default", cancellationToken: deadline.Token));

        Assert.Equal(HttpStatusCode.NotImplemented, error.Response.StatusCode);
        var assertion = Assert.Throws<InvalidOperationException>(Server.AssertNoUnhandledRequests);
        Assert.Contains("/api/v1/namespaces/default/pods/p/log", assertion.Message, StringComparison.Ordinal);

        // This test expects the unhandled request; start clean for the DisposeAsync check.
        await RestartServerAsync(null, deadline.Token);
    }
}
