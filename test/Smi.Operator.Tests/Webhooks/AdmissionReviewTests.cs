using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Api.Conversion;
using Smi.Operator.Webhooks.Admission;
using Smi.Operator.Webhooks.Injection;

namespace Smi.Operator.Tests.Webhooks;

/// <summary>The webhooks' answers to reviews shaped exactly like the API server's (recorded JSON).</summary>
public sealed class AdmissionReviewTests
{
    private const string ValidSplit = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
         "kind":{"group":"split.smi-spec.io","version":"v1alpha2","kind":"TrafficSplit"},
         "resource":{"group":"split.smi-spec.io","version":"v1alpha2","resource":"trafficsplits"},
         "requestKind":{"group":"split.smi-spec.io","version":"v1alpha2","kind":"TrafficSplit"},
         "name":"podinfo","namespace":"test","operation":"CREATE","userInfo":{"username":"system:serviceaccount:flagger:flagger"},
         "object":{"apiVersion":"split.smi-spec.io/v1alpha2","kind":"TrafficSplit","metadata":{"name":"podinfo","namespace":"test"},
           "spec":{"service":"podinfo","backends":[{"service":"podinfo-canary","weight":0},{"service":"podinfo-primary","weight":100}]}},
         "oldObject":null,"dryRun":false,"options":{"apiVersion":"meta.k8s.io/v1","kind":"CreateOptions"}}}
        """;

    [Fact]
    public void Validate_FlaggerSplit_Allowed()
    {
        var response = ValidationWebhook.Review(Read<AdmissionReview>(ValidSplit)).Response!;

        Assert.True(response.Allowed);
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", response.Uid);
    }

    [Theory]
    [InlineData("""{"service":"podinfo","backends":[{"service":"a","weight":-1}]}""", "spec.backends[0].weight")]
    [InlineData("""{"service":"podinfo","backends":[{"service":"a","weight":0},{"service":"b","weight":0}]}""", "spec.backends: the weights add up to 0")]
    [InlineData("""{"service":"podinfo","backends":[{"service":"a","weight":1},{"service":"a","weight":1}]}""", "spec.backends[1].service")]
    [InlineData("""{"backends":[{"service":"a","weight":1}]}""", "spec.service")]
    public void Validate_InvalidSplit_DeniedWithFieldPath(string spec, string expected)
    {
        var review = ValidSplit.Replace("""{"service":"podinfo","backends":[{"service":"podinfo-canary","weight":0},{"service":"podinfo-primary","weight":100}]}""", spec, StringComparison.Ordinal);

        var response = ValidationWebhook.Review(Read<AdmissionReview>(review)).Response!;

        Assert.False(response.Allowed);
        Assert.Equal(422, response.Status!.Code);
        Assert.Contains(expected, response.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SelfReferential_AllowedWithWarning()
    {
        var review = ValidSplit.Replace("podinfo-canary", "podinfo", StringComparison.Ordinal);

        var response = ValidationWebhook.Review(Read<AdmissionReview>(review)).Response!;

        Assert.True(response.Allowed);
        Assert.Contains(response.Warnings!, w => w.Contains("spec.backends[0].service", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Delete_Allowed()
    {
        var review = ValidSplit.Replace("\"operation\":\"CREATE\"", "\"operation\":\"DELETE\"", StringComparison.Ordinal).Replace("\"object\":{", "\"object\":null,\"x\":{", StringComparison.Ordinal);

        Assert.True(ValidationWebhook.Review(Read<AdmissionReview>(review)).Response!.Allowed);
    }

    public static TheoryData<string, string> VersionPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var group in SmiApiRegistry.All.GroupBy(v => (v.Group, v.Kind)))
        {
            foreach (var from in group)
            {
                foreach (var to in group)
                {
                    data.Add($"{from.Kind} {from.ApiVersion}", to.ApiVersion);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VersionPairs))]
    public void Convert_EveryVersionPair_SucceedsAndKeepsMetadata(string source, string desired)
    {
        var kind = source.Split(' ')[0];
        var apiVersion = source.Split(' ')[1];
        var obj = SampleObject(kind, apiVersion);
        var review = new ConversionReview { Request = new ConversionRequest { Uid = "u1", DesiredApiVersion = desired, Objects = [obj] } };

        var response = ConversionWebhook.Review(review).Response!;

        Assert.Equal("Success", response.Result.Status);
        Assert.Equal("u1", response.Uid);
        var converted = Assert.Single(response.ConvertedObjects);
        Assert.Equal(desired, converted["apiVersion"]!.GetValue<string>());
        Assert.Equal("demo", converted["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("1234", converted["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Convert_UnknownVersion_FailsWithAMessage()
    {
        var review = new ConversionReview { Request = new ConversionRequest { Uid = "u2", DesiredApiVersion = "split.smi-spec.io/v9", Objects = [SampleObject("TrafficSplit", "split.smi-spec.io/v1alpha4")] } };

        var response = ConversionWebhook.Review(review).Response!;

        Assert.Equal("Failure", response.Result.Status);
        Assert.Contains("split.smi-spec.io/v9", response.Result.Message, StringComparison.Ordinal);
        Assert.Empty(response.ConvertedObjects);
    }

    [Fact]
    public void Inject_Pod_PatchIsValidJsonPatch_AddsSidecarVolumesAndAnnotation()
    {
        const string review = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"p1",
             "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
             "namespace":"demo","operation":"CREATE",
             "object":{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"web-v1-5d8f7b-","namespace":"demo","labels":{"app":"web","pod-template-hash":"5d8f7b"},
               "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-v1-5d8f7b","uid":"x","controller":true}]},
               "spec":{"serviceAccountName":"web","initContainers":[{"name":"migrate","image":"db"}],"containers":[{"name":"app","image":"echo","ports":[{"containerPort":8080}]}],"volumes":[{"name":"data","emptyDir":{}}]}}}}
            """;

        var response = InjectionWebhook.Review(Read<AdmissionReview>(review), new InjectionOptions { ProxyImage = "registry.example/proxy:1" }).Response!;

        Assert.True(response.Allowed);
        Assert.Equal("JSONPatch", response.PatchType);
        var patch = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(response.Patch!)))!.AsArray();
        // Inserted before the app's own init containers, iptables first, then the proxy.
        Assert.Equal(["/spec/initContainers/0", "/spec/initContainers/0"], patch.Take(2).Select(p => p!["path"]!.GetValue<string>()));
        Assert.Equal("smi-proxy", patch[0]!["value"]!["name"]!.GetValue<string>());
        Assert.Equal("smi-init", patch[1]!["value"]!["name"]!.GetValue<string>());
        var proxy = patch[0]!["value"]!;
        Assert.Equal("registry.example/proxy:1", proxy["image"]!.GetValue<string>());
        Assert.Contains(proxy["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "SMI_WORKLOAD_NAME" && e["value"]!.GetValue<string>() == "web-v1");
        Assert.Equal(3, patch.Count(p => p!["path"]!.GetValue<string>() == "/spec/volumes/-"));
        Assert.Contains(patch, p => p!["path"]!.GetValue<string>() == "/metadata/annotations");
    }

    [Theory]
    [InlineData(null, "istio", "istio", null)]
    [InlineData(null, "istio,osm", "istio,osm", null)]
    [InlineData("linkerd, OSM", "istio", "osm,linkerd", null)]
    [InlineData("none", "istio", "none", null)]
    [InlineData("prometheus", "istio", "istio", "smi-operator: annotation smi-operator.io/metric-shapes: \"prometheus\" is not istio, osm, linkerd, all or none; the proxy records the default shapes (istio)")]
    public void Inject_MetricShapes_OperatorDefaultOrPodAnnotation_InvalidAnnotationWarns(string? annotation, string operatorDefault, string expected, string? warning)
    {
        var annotations = annotation is null ? string.Empty : $$""","annotations":{"smi-operator.io/metric-shapes":"{{annotation}}"}""";
        var review = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"p2",
             "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
             "namespace":"demo","operation":"CREATE",
             "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"demo"ANNOTATIONS},
               "spec":{"serviceAccountName":"web","containers":[{"name":"app","image":"echo"}]}}}}
            """.Replace("ANNOTATIONS", annotations, StringComparison.Ordinal);

        var response = InjectionWebhook.Review(Read<AdmissionReview>(review), new InjectionOptions { MetricShapes = operatorDefault }).Response!;

        var patch = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(response.Patch!)))!.AsArray();
        var values = patch.Select(p => p!["value"]).SelectMany(v => v is JsonArray list ? list.ToList() : [v]);
        var proxy = values.Single(v => v is JsonObject o && (string?)o["name"] == "smi-proxy")!;
        Assert.Equal(expected, proxy["env"]!.AsArray().Single(e => (string?)e!["name"] == "SMI_METRIC_SHAPES")!["value"]!.GetValue<string>());
        Assert.Equal(warning is null ? null : [warning], response.Warnings);
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json)!;

    private static JsonObject SampleObject(string kind, string apiVersion)
    {
        var version = apiVersion.Split('/')[1];
        var metadata = new JsonObject { ["name"] = "x", ["namespace"] = "demo", ["resourceVersion"] = "1234", ["uid"] = "abc" };
        JsonObject body = kind switch
        {
            "TrafficSplit" => new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["service"] = "web",
                    ["backends"] = new JsonArray(
                        new JsonObject { ["service"] = "a", ["weight"] = version == "v1alpha1" ? JsonValue.Create("500m") : JsonValue.Create(1) },
                        new JsonObject { ["service"] = "b", ["weight"] = version == "v1alpha1" ? JsonValue.Create("1") : JsonValue.Create(2) }),
                },
            },
            "TrafficTarget" when version == "v1alpha1" => new JsonObject
            {
                ["destination"] = new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "api", ["namespace"] = "demo", ["port"] = 8080 },
                ["specs"] = new JsonArray(new JsonObject { ["kind"] = "HTTPRouteGroup", ["name"] = "routes", ["matches"] = new JsonArray("m") }),
                ["sources"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "web", ["namespace"] = "demo" }),
            },
            "TrafficTarget" => new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["destination"] = new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "api", ["namespace"] = "demo" },
                    ["rules"] = new JsonArray(new JsonObject { ["kind"] = "HTTPRouteGroup", ["name"] = "routes", ["matches"] = new JsonArray("m") }),
                    ["sources"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "web", ["namespace"] = "demo" }),
                },
            },
            "HTTPRouteGroup" when version is "v1alpha1" or "v1alpha2" => new JsonObject
            {
                ["matches"] = new JsonArray(new JsonObject { ["name"] = "m", ["pathRegex"] = "/api", ["methods"] = new JsonArray("GET") }),
            },
            "HTTPRouteGroup" => new JsonObject
            {
                ["spec"] = new JsonObject { ["matches"] = new JsonArray(new JsonObject { ["name"] = "m", ["pathRegex"] = "/api", ["methods"] = new JsonArray("GET"), ["headers"] = new JsonObject { ["x-user"] = "beta" } }) },
            },
            _ when version == "v1alpha4" => new JsonObject { ["spec"] = new JsonObject { ["matches"] = new JsonObject { ["ports"] = new JsonArray(80, 443) } } },
            _ when version == "v1alpha3" => new JsonObject { ["spec"] = new JsonObject() },
            _ => new JsonObject(),
        };
        body["apiVersion"] = apiVersion;
        body["kind"] = kind;
        body["metadata"] = metadata;
        return body;
    }
}
