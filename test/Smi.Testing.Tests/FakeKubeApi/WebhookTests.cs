using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.FakeKubeApi;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Admission and conversion webhooks called by the fake over HTTPS, as the API server calls them.</summary>
public sealed class WebhookTests : FakeKubeApiTest
{
    private TestWebhookServer _webhook = null!;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }
    }

    protected override async ValueTask<FakeKubeApiOptions?> CreateOptionsAsync(CancellationToken cancellationToken)
    {
        _webhook = await TestWebhookServer.StartAsync(Handle, cancellationToken);
        return new FakeKubeApiOptions { WebhookServiceResolver = (ns, name, _) => ns == "mesh-system" && name == "smi-operator" ? _webhook.Url : null };
    }

    protected override ValueTask OnStartedAsync(CancellationToken cancellationToken)
    {
        Server.Seed(TestManifests.Workloads);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ValidatingWebhook_Denial_RejectsWithWebhookMessageAndStoresNothing()
    {
        using var deadline = Deadline.After();
        Server.Seed(TestManifests.Crd);
        Server.Seed(ValidatingConfiguration(ClientConfigUrl("/validate"), "Fail"));

        var denied = await Assert.ThrowsAsync<HttpOperationException>(() => CreateSplitAsync(0, deadline.Token));
        await CreateSplitAsync(100, deadline.Token, name: "good");

        var status = KubernetesJson.Deserialize<V1Status>(denied.Response.Content);
        Assert.Equal((403, "Forbidden"), (status.Code, status.Reason));
        Assert.Equal("admission webhook \"validate.split.fake.test\" denied the request: total weight must be positive", status.Message);
        Assert.Null(Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "zero"));
        Assert.NotNull(Server.Get(TestManifests.Group, "v1alpha4", "trafficsplits", "shop", "good"));
        var request = _webhook.Received.First().Review["request"]!;
        Assert.Equal(("CREATE", "shop", "TrafficSplit", "trafficsplits"), (request["operation"]!.GetValue<string>(), request["namespace"]!.GetValue<string>(), request["kind"]!["kind"]!.GetValue<string>(), request["resource"]!["resource"]!.GetValue<string>()));
        Assert.NotNull(request["object"]!["metadata"]!["uid"]);
    }

    [Fact]
    public async Task MutatingWebhook_ServiceClientConfig_InjectsSidecarOnlyInSelectedNamespaces()
    {
        using var deadline = Deadline.After();
        Server.Seed("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: meshed, labels: {smi.example/inject: enabled}}
            """);
        Server.Seed(MutatingConfiguration());

        var meshed = await Client.CoreV1.CreateNamespacedPodAsync(Pod(), "meshed", cancellationToken: deadline.Token);
        var plain = await Client.CoreV1.CreateNamespacedPodAsync(Pod(), "shop", cancellationToken: deadline.Token);

        Assert.Equal(["app", "proxy"], meshed.Spec.InitContainers.Select(c => c.Name).Prepend(meshed.Spec.Containers[0].Name));
        Assert.Equal("Always", meshed.Spec.InitContainers[0].RestartPolicy);
        Assert.Null(plain.Spec.InitContainers);
        var (path, review) = Assert.Single(_webhook.Received);
        Assert.Equal("/inject", path);
        // Mutating webhooks run before generateName is resolved, as in a real cluster.
        Assert.Equal(string.Empty, review["request"]!["name"]!.GetValue<string>());
        Assert.StartsWith("app-", meshed.Name(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableWebhook_FailPolicyFailIs500_IgnoreLetsRequestThrough()
    {
        using var deadline = Deadline.After();
        Server.Seed(TestManifests.Crd);
        var unreachable = new JsonObject { ["url"] = "https://127.0.0.1:1/validate" };
        Server.Seed(ValidatingConfiguration(unreachable, "Fail"));

        var failed = await Assert.ThrowsAsync<HttpOperationException>(() => CreateSplitAsync(100, deadline.Token));
        Server.Seed(ValidatingConfiguration(unreachable, "Ignore"));
        await CreateSplitAsync(100, deadline.Token);

        var status = KubernetesJson.Deserialize<V1Status>(failed.Response.Content);
        Assert.Equal((500, "InternalError"), (status.Code, status.Reason));
        Assert.StartsWith("Internal error occurred: failed calling webhook \"validate.split.fake.test\": failed to call webhook: Post \"https://127.0.0.1:1/validate?timeout=5s\"", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversionWebhook_CrdWithWebhookStrategy_ConvertsOnReadAndWrite()
    {
        using var deadline = Deadline.After();
        var crd = YamlCrdWithConversion();
        Server.Seed(crd);
        await CreateSplitAsync(100, deadline.Token);

        var old = await Client.CustomObjects.GetNamespacedCustomObjectAsync(TestManifests.Group, "v1alpha3", "shop", "trafficsplits", "zero", deadline.Token);

        var converted = JsonNode.Parse(((JsonElement)old).GetRawText())!;
        Assert.Equal("split.fake.test/v1alpha3", converted["apiVersion"]!.GetValue<string>());
        Assert.Equal("web", converted["spec"]!["apex"]!.GetValue<string>());
        var review = Assert.Single(_webhook.Received, r => r.Path == "/convert").Review;
        Assert.Equal("split.fake.test/v1alpha3", review["request"]!["desiredAPIVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task ValidatingWebhook_KubectlApply_PrintsDenial()
    {
        Assert.SkipWhen(Kubectl.Binary is null, "kubectl is not on PATH");
        using var deadline = Deadline.After(TimeSpan.FromSeconds(20));
        Server.Seed(TestManifests.Crd);
        Server.Seed(ValidatingConfiguration(ClientConfigUrl("/validate"), "Fail"));
        using var kubectl = new Kubectl(Server);

        var result = await kubectl.RunAsync($"apply -f {kubectl.WriteFile("split.yaml", TestManifests.Split(0, 0))}", cancellationToken: deadline.Token);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("admission webhook \"validate.split.fake.test\" denied the request: total weight must be positive", result.StandardError, StringComparison.Ordinal);
    }

    private JsonObject Handle(string path, JsonObject review)
    {
        var request = review["request"]!;
        switch (path)
        {
            case "/validate":
                var total = request["object"]?["spec"]?["backends"]?.AsArray().Sum(b => b!["weight"]!.GetValue<int>()) ?? 0;
                return TestWebhookServer.Admission(review, total > 0, total > 0 ? null : "total weight must be positive");
            case "/inject":
                var sidecar = new JsonObject { ["name"] = "proxy", ["image"] = "smi-proxy:1", ["restartPolicy"] = "Always" };
                return TestWebhookServer.Admission(review, true, patch: new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/spec/initContainers", ["value"] = new JsonArray(sidecar) }));
            case "/convert":
                var objects = request["objects"]!.AsArray().Select(o =>
                {
                    var copy = o!.DeepClone().AsObject();
                    var spec = copy["spec"]!.AsObject();
                    var desired = request["desiredAPIVersion"]!.GetValue<string>();
                    if (desired.EndsWith("v1alpha3", StringComparison.Ordinal) && spec.Remove("service", out var service))
                    {
                        spec["apex"] = service;
                    }
                    else if (desired.EndsWith("v1alpha4", StringComparison.Ordinal) && spec.Remove("apex", out var apex))
                    {
                        spec["service"] = apex;
                    }

                    copy["apiVersion"] = desired;
                    return (JsonNode)copy;
                }).ToArray();
                return new JsonObject
                {
                    ["apiVersion"] = "apiextensions.k8s.io/v1",
                    ["kind"] = "ConversionReview",
                    ["response"] = new JsonObject { ["uid"] = request["uid"]!.GetValue<string>(), ["convertedObjects"] = new JsonArray(objects), ["result"] = new JsonObject { ["status"] = "Success" } },
                };
            default:
                throw new InvalidOperationException($"unexpected webhook path {path}");
        }
    }

    private JsonObject ClientConfigUrl(string path) => new() { ["url"] = new Uri(_webhook.Url, path).ToString(), ["caBundle"] = _webhook.CaBundle };

    private static JsonObject ValidatingConfiguration(JsonObject clientConfig, string failurePolicy) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "ValidatingWebhookConfiguration",
        ["metadata"] = new JsonObject { ["name"] = "smi-validation" },
        ["webhooks"] = new JsonArray(new JsonObject
        {
            ["name"] = "validate.split.fake.test",
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["sideEffects"] = "None",
            ["failurePolicy"] = failurePolicy,
            ["timeoutSeconds"] = 5,
            ["clientConfig"] = clientConfig.DeepClone(),
            ["rules"] = new JsonArray(new JsonObject
            {
                ["operations"] = new JsonArray("CREATE", "UPDATE"),
                ["apiGroups"] = new JsonArray(TestManifests.Group),
                ["apiVersions"] = new JsonArray("*"),
                ["resources"] = new JsonArray("trafficsplits"),
            }),
        }),
    };

    private JsonObject MutatingConfiguration() => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "MutatingWebhookConfiguration",
        ["metadata"] = new JsonObject { ["name"] = "smi-injector" },
        ["webhooks"] = new JsonArray(new JsonObject
        {
            ["name"] = "inject.smi.example",
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["sideEffects"] = "None",
            ["clientConfig"] = new JsonObject
            {
                ["service"] = new JsonObject { ["namespace"] = "mesh-system", ["name"] = "smi-operator", ["path"] = "/inject", ["port"] = 443 },
                ["caBundle"] = _webhook.CaBundle,
            },
            ["namespaceSelector"] = new JsonObject { ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "smi.example/inject", ["operator"] = "In", ["values"] = new JsonArray("enabled") }) },
            ["rules"] = new JsonArray(new JsonObject
            {
                ["operations"] = new JsonArray("CREATE"),
                ["apiGroups"] = new JsonArray(string.Empty),
                ["apiVersions"] = new JsonArray("v1"),
                ["resources"] = new JsonArray("pods"),
                ["scope"] = "Namespaced",
            }),
        }),
    };

    private JsonObject YamlCrdWithConversion()
    {
        var crd = (JsonObject)Smi.Testing.FakeKubeApi.Yaml.YamlToJson.ReadAll(TestManifests.Crd)[0]!;
        crd["spec"]!["conversion"] = new JsonObject
        {
            ["strategy"] = "Webhook",
            ["webhook"] = new JsonObject { ["conversionReviewVersions"] = new JsonArray("v1"), ["clientConfig"] = ClientConfigUrl("/convert") },
        };
        return crd;
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { GenerateName = "app-" },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1" }] },
    };

    private async Task CreateSplitAsync(int weight, CancellationToken cancellationToken, string name = "zero")
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "split.fake.test/v1alpha4",
            ["kind"] = "TrafficSplit",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["service"] = "web", ["backends"] = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = weight }) },
        };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, TestManifests.Group, "v1alpha4", "shop", "trafficsplits", cancellationToken: cancellationToken);
    }
}
