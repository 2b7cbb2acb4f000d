using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>The real server's rules that controllers break most often: sizes, label syntax, owner references, event fields.</summary>
public sealed class BuiltInValidationTests : FakeKubeApiTest
{
    [Fact]
    public async Task ConfigMap_OverOneMebibyte_Invalid422()
    {
        using var deadline = Deadline.After();
        var justFits = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "fits" }, Data = new Dictionary<string, string> { ["c"] = new('x', (1024 * 1024) - 1) } };
        var tooBig = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "big" }, BinaryData = new Dictionary<string, byte[]> { ["config.json.gz"] = new byte[1024 * 1024] } };

        await Client.CoreV1.CreateNamespacedConfigMapAsync(justFits, "default", cancellationToken: deadline.Token);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(tooBig, "default", cancellationToken: deadline.Token));

        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal((422, "ConfigMap \"big\" is invalid: []: Too long: must have at most 1048576 bytes"), (status.Code, status.Message));
    }

    [Fact]
    public async Task Labels_InvalidValueOrKey_Invalid422()
    {
        using var deadline = Deadline.After();
        var badValue = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a", Labels = new Dictionary<string, string> { ["app"] = "not valid!" } } };
        var badKey = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "b", Labels = new Dictionary<string, string> { ["Bad_Prefix.com/app"] = "x" } } };

        var value = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(badValue, "default", cancellationToken: deadline.Token));
        var key = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(badKey, "default", cancellationToken: deadline.Token));

        Assert.Equal("metadata.labels", Assert.Single(KubernetesJson.Deserialize<V1Status>(value.Response.Content).Details.Causes).Field);
        Assert.Equal("metadata.labels", Assert.Single(KubernetesJson.Deserialize<V1Status>(key.Response.Content).Details.Causes).Field);
    }

    [Fact]
    public async Task EventsV1_MissingRequiredFields_Invalid422_CompleteEventAccepted()
    {
        using var deadline = Deadline.After();
        var incomplete = new Eventsv1Event { Metadata = new V1ObjectMeta { Name = "e1" }, Note = "hello" };
        var complete = new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "e2" },
            EventTime = DateTime.UtcNow,
            ReportingController = "smi.example/operator",
            ReportingInstance = "operator-0",
            Action = "Reconcile",
            Reason = "BackendMissing",
            Type = "Warning",
            Note = "backend web-v2 does not exist",
            Regarding = new V1ObjectReference { Kind = "TrafficSplit", Name = "web-split", NamespaceProperty = "default" },
        };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.EventsV1.CreateNamespacedEventAsync(incomplete, "default", cancellationToken: deadline.Token));
        await Client.EventsV1.CreateNamespacedEventAsync(complete, "default", cancellationToken: deadline.Token);

        var fields = KubernetesJson.Deserialize<V1Status>(error.Response.Content).Details.Causes.Select(c => c.Field);
        Assert.Equal(["eventTime", "reportingController", "reportingInstance", "action", "reason", "type"], fields);
    }

    [Fact]
    public async Task Secret_StringData_StoredBase64InData()
    {
        using var deadline = Deadline.After();
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["token"] = "hunter2" } };

        var created = await Client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: deadline.Token);

        Assert.Null(created.StringData);
        Assert.Equal("hunter2", System.Text.Encoding.UTF8.GetString(created.Data["token"]));
        Assert.Equal("Opaque", created.Type);
    }

    [Fact]
    public async Task OwnerReferences_MissingUid_Invalid422()
    {
        using var deadline = Deadline.After();
        var orphan = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner" }] } };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(orphan, "default", cancellationToken: deadline.Token));

        Assert.Equal("metadata.ownerReferences[0].uid", Assert.Single(KubernetesJson.Deserialize<V1Status>(error.Response.Content).Details.Causes).Field);
    }
}
