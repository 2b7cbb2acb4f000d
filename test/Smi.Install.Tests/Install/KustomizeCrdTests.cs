using System.Text.Json.Nodes;
using Smi.Install.Tests.Support;
using Smi.Testing;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Install;

/// <summary>The CRDs as `kubectl kustomize .` renders them for `kubectl apply -k .`.</summary>
public sealed class KustomizeCrdTests
{
    private static readonly (string Name, string Group, string Kind, string Plural, string ShortName, string[] Versions, string Storage)[] Expected =
    [
        ("trafficsplits.split.smi-spec.io", "split.smi-spec.io", "TrafficSplit", "trafficsplits", "ts", ["v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"], "v1alpha4"),
        ("traffictargets.access.smi-spec.io", "access.smi-spec.io", "TrafficTarget", "traffictargets", "tt", ["v1alpha1", "v1alpha2", "v1alpha3"], "v1alpha3"),
        ("httproutegroups.specs.smi-spec.io", "specs.smi-spec.io", "HTTPRouteGroup", "httproutegroups", "htr", ["v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"], "v1alpha4"),
        ("tcproutes.specs.smi-spec.io", "specs.smi-spec.io", "TCPRoute", "tcproutes", "tr", ["v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"], "v1alpha4"),
        ("udproutes.specs.smi-spec.io", "specs.smi-spec.io", "UDPRoute", "udproutes", "ur", ["v1alpha4"], "v1alpha4"),
        ("trafficpolicies.policy.smi-operator.io", "policy.smi-operator.io", "TrafficPolicy", "trafficpolicies", "tp", ["v1alpha1"], "v1alpha1"),
    ];

    [Fact]
    public async Task Render_Crds_EveryGroupVersionServedWithOneStorageVersion()
    {
        var crds = await RenderedCrdsAsync();

        Assert.Equal(Expected.Select(e => e.Name).Order(StringComparer.Ordinal), crds.Select(c => c.Name).Order(StringComparer.Ordinal));
        foreach (var expected in Expected)
        {
            var crd = crds.Single(c => c.Name == expected.Name);
            Assert.Equal((expected.Group, expected.Kind, expected.Plural, expected.Kind + "List"), (crd.Group, crd.Kind, crd.Plural, crd.ListKind));
            Assert.Equal(expected.Versions, crd.Versions.Select(v => v.Name));
            Assert.All(crd.Versions, v => Assert.True(v.Served, $"{crd.Name} {v.Name} is not served"));
            Assert.Equal(expected.Storage, Assert.Single(crd.Versions, v => v.Storage).Name);
        }
    }

    [Fact]
    public async Task Render_Crds_NamespacedWithShortNamesAndSmiCategory()
    {
        var crds = await RenderedCrdsAsync();

        foreach (var expected in Expected)
        {
            var crd = crds.Single(c => c.Name == expected.Name);
            Assert.Equal("Namespaced", crd.Scope);
            Assert.Equal([expected.ShortName], crd.ShortNames);
            Assert.Equal(["smi"], crd.Categories);
            Assert.Equal(expected.Kind.ToLowerInvariant(), crd.Singular);
        }
    }

    [Fact]
    public async Task Render_Crds_StatusSubresourceAndConditionsOnEveryVersion()
    {
        foreach (var crd in await RenderedCrdsAsync())
        {
            foreach (var version in crd.Versions)
            {
                Assert.True(version.HasStatusSubresource, $"{crd.Name} {version.Name} has no status subresource");
                var status = version.Schema.Properties["status"];
                Assert.Equal("integer", status.Properties["observedGeneration"].Type);
                var conditions = status.Properties["conditions"];
                Assert.Equal(("map", "type"), (conditions.ListType, Assert.Single(conditions.ListMapKeys)));
                Assert.Equal(["type", "status", "lastTransitionTime", "reason", "message"], conditions.Items!.Required);
                Assert.Equal(["True", "False", "Unknown"], conditions.Items.Properties["status"].Enum.Select(v => v!.GetValue<string>()));
                Assert.Equal(["lastTransitionTime", "message", "observedGeneration", "reason", "status", "type"], conditions.Items.Properties.Keys.Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Render_Crds_PrinterColumns()
    {
        var crds = await RenderedCrdsAsync();
        var age = new CrdPrinterColumn("Age", "date", ".metadata.creationTimestamp");

        foreach (var crd in crds)
        {
            foreach (var version in crd.Versions)
            {
                CrdPrinterColumn[] expected = crd.Kind switch
                {
                    "TrafficSplit" => [new("Service", "string", ".spec.service"), new("Backends", "string", ".spec.backends[*].service"), age],
                    "TrafficTarget" => [new("Destination", "string", version.Name == "v1alpha1" ? ".destination.name" : ".spec.destination.name"), age],
                    "TrafficPolicy" => [new("Target", "string", ".spec.targetRef.name"), new("Port", "integer", ".spec.port"), new("Accepted", "string", ".status.conditions[?(@.type==\"Accepted\")].status"), age],
                    _ => [age],
                };
                Assert.Equal(expected, version.PrinterColumns);
            }
        }
    }

    [Fact]
    public async Task Render_Crds_ConvertThroughTheOperatorWebhook()
    {
        foreach (var crd in await RenderedCrdsAsync())
        {
            if (crd.Kind == "TrafficPolicy")
            {
                // Our own kind has one version: nothing to convert, so no webhook to depend on.
                Assert.Null(crd.Source["spec"]!["conversion"]);
                continue;
            }

            var conversion = crd.Source["spec"]!["conversion"]!;
            Assert.Equal("Webhook", Manifests.Text(conversion["strategy"]));
            Assert.Equal(["v1"], Manifests.Strings(conversion["webhook"]!["conversionReviewVersions"]));
            var service = conversion["webhook"]!["clientConfig"]!["service"]!;
            Assert.Equal(("smi-system", "smi-operator-webhook", "/convert", 443L), (Manifests.Text(service["namespace"]), Manifests.Text(service["name"]), Manifests.Text(service["path"]), service["port"]!.GetValue<long>()));
            Assert.Null(conversion["webhook"]!["clientConfig"]!["caBundle"]);
        }
    }

    [Fact]
    public async Task Render_Crds_SchemasIdenticalToCheckedInFiles()
    {
        var rendered = await RenderedCrdsAsync();
        var checkedIn = CrdCatalog.LoadDirectory(Path.Combine(RepoPaths.Root, "crds")).Definitions;

        foreach (var crd in rendered)
        {
            var source = checkedIn.Single(c => c.Name == crd.Name).Source;
            Assert.Equal(Normalize(source["spec"]!), Normalize(crd.Source["spec"]!));
        }
    }

    [Fact]
    public async Task Render_CrdConversionService_IsTheRenderedWebhookService()
    {
        var service = await RenderedInstall.SingleAsync("Service", "smi-operator-webhook");

        Assert.Equal(RenderedInstall.Namespace, Manifests.Namespace(service));
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => p!["port"]!.GetValue<long>() == 443);
    }

    private static async Task<IReadOnlyList<CrdDefinition>> RenderedCrdsAsync() =>
        CrdDefinition.ReadAll(await Kustomize.RenderYamlAsync("."));

    // Key order differs between the hand-written files and kustomize's output; compare canonical JSON.
    private static string Normalize(JsonNode node) => Canonical(node)!.ToJsonString();

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonical)]),
        _ => node?.DeepClone(),
    };
}
