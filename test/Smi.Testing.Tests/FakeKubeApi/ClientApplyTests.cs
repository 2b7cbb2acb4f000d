using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Server-side apply through KubernetesClient, as an operator with a fixed field manager uses it.</summary>
public sealed class ClientApplyTests : FakeKubeApiTest
{
    [Fact]
    public async Task ServerSideApply_SecondManager_ConflictsUnlessForced()
    {
        using var deadline = Deadline.After();
        var config = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "shared", NamespaceProperty = "default" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "shared", "default", fieldManager: "operator", cancellationToken: deadline.Token);

        var other = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "shared", NamespaceProperty = "default" }, Data = new Dictionary<string, string> { ["a"] = "changed" } };
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(other, V1Patch.PatchType.ApplyPatch), "shared", "default", fieldManager: "intruder", cancellationToken: deadline.Token));
        var status = KubernetesJson.Deserialize<V1Status>(conflict.Response.Content);
        Assert.Equal((409, "Conflict"), (status.Code, status.Reason));
        Assert.Equal(".data.a", Assert.Single(status.Details.Causes).Field);

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(other, V1Patch.PatchType.ApplyPatch), "shared", "default", fieldManager: "intruder", force: true, cancellationToken: deadline.Token);
        config.Data.Remove("a");
        config.Data.Remove("b");
        var final = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "shared", "default", fieldManager: "operator", cancellationToken: deadline.Token);

        // The operator stopped applying b (removed) and lost a to the forced intruder (kept).
        Assert.Equal(new Dictionary<string, string> { ["a"] = "changed" }, final.Data);
    }

    [Fact]
    public async Task ServerSideApply_SameConfigTwice_SecondIsNoOp()
    {
        using var deadline = Deadline.After();
        var config = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "proxy-config", NamespaceProperty = "default" }, Data = new Dictionary<string, string> { ["revision"] = "abc" } };
        var first = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "proxy-config", "default", fieldManager: "smi-operator", cancellationToken: deadline.Token);
        var version = Server.ResourceVersion;

        var second = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "proxy-config", "default", fieldManager: "smi-operator", cancellationToken: deadline.Token);

        Assert.Equal(first.ResourceVersion(), second.ResourceVersion());
        Assert.Equal(version, Server.ResourceVersion);
        Assert.Equal("smi-operator", Assert.Single(second.Metadata.ManagedFields).Manager);
    }

    [Fact]
    public async Task ServerSideApply_StaleResourceVersionInConfig_Conflict409()
    {
        using var deadline = Deadline.After();
        var config = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "default" }, Data = new Dictionary<string, string> { ["a"] = "1" } };
        var created = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "c", "default", fieldManager: "m", cancellationToken: deadline.Token);
        config.Data["a"] = "2";
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "c", "default", fieldManager: "m", cancellationToken: deadline.Token);

        config.Metadata.ResourceVersion = created.ResourceVersion();
        config.Data["a"] = "3";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "c", "default", fieldManager: "m", cancellationToken: deadline.Token));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
    }
}
