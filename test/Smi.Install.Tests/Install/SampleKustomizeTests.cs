using System.Text.Json.Nodes;
using Smi.Install.Tests.Crds;
using Smi.Install.Tests.Support;
using Smi.Testing;

namespace Smi.Install.Tests.Install;

/// <summary>
/// Every sample builds with `kubectl kustomize`, is the same as its plain manifest, and is a
/// self-contained app: one meshed namespace, and every name a Service, split, route or target
/// refers to exists in it.
/// </summary>
public sealed class SampleKustomizeTests
{
    public static TheoryData<string> Samples() => SampleSchemaTests.Samples();

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Kustomize_Sample_BuildsTheSameObjectsAsItsManifest(string sample)
    {
        var rendered = await Kustomize.RenderAsync(Path.Combine("config", "samples", sample));
        var manifest = SampleSchemaTests.SampleDocuments(sample).ToList();

        Assert.Equal(Keys(manifest), Keys(rendered));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_OneManifestReadmeAndKustomization(string sample)
    {
        var directory = Path.Combine(RepoPaths.Samples, sample);
        var files = Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        // One manifest: `kubectl apply -f <dir>` would trip over kustomization.yaml, so users apply the file (or -k the folder).
        Assert.Equal(new[] { "README.md", $"{sample}.yaml", "kustomization.yaml" }.Order(StringComparer.Ordinal), files);
        Assert.Contains($"{sample}.yaml", File.ReadAllText(Path.Combine(directory, "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_OneMeshedNamespaceHoldingEverything(string sample)
    {
        var objects = SampleSchemaTests.SampleDocuments(sample).ToList();

        var ns = Assert.Single(objects, o => Manifests.Kind(o) == "Namespace");
        Assert.Equal(0, objects.IndexOf(ns));
        Assert.Equal("enabled", Manifests.Text(ns["metadata"]!["labels"]!["smi-operator.io/inject"]));
        Assert.All(objects.Where(o => o != ns), o => Assert.Equal(Manifests.Name(ns), Manifests.Namespace(o)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_WorkloadsRunTheEchoImageAsTheirOwnServiceAccount(string sample)
    {
        var objects = SampleSchemaTests.SampleDocuments(sample).ToList();
        var accounts = Names(objects, "ServiceAccount");

        var deployments = objects.Where(o => Manifests.Kind(o) == "Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            KustomizeInstallTests.AssertSelectorMatchesTemplate(deployment);
            var pod = deployment["spec"]!["template"]!["spec"]!;
            Assert.Contains(Manifests.Text(pod["serviceAccountName"]), accounts);
            var container = Assert.Single(pod["containers"]!.AsArray())!;
            Assert.Equal("ghcr.io/smi-operator/echo:0.1.0", Manifests.Text(container["image"]));
            Assert.NotEmpty(container["ports"]!.AsArray());
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_EveryServiceSelectsPodsWithItsTargetPort(string sample)
    {
        var objects = SampleSchemaTests.SampleDocuments(sample).ToList();
        var deployments = objects.Where(o => Manifests.Kind(o) == "Deployment").ToList();

        foreach (var service in objects.Where(o => Manifests.Kind(o) == "Service"))
        {
            var selected = deployments.Where(d => Selects(service, d)).ToList();
            Assert.True(selected.Count > 0, $"Service {Manifests.Name(service)} selects no pods");
            foreach (var port in service["spec"]!["ports"]!.AsArray())
            {
                var target = Manifests.Text(port!["targetPort"]);
                Assert.All(selected, d => Assert.Contains(
                    d["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.AsArray(),
                    p => Manifests.Text(p!["name"]) == target));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_EverySmiReferenceResolves(string sample)
    {
        var objects = SampleSchemaTests.SampleDocuments(sample).ToList();
        var services = Names(objects, "Service");
        var accounts = Names(objects, "ServiceAccount");

        foreach (var split in objects.Where(o => Manifests.Kind(o) == "TrafficSplit"))
        {
            Assert.Contains(Manifests.Text(split["spec"]!["service"]), services);
            Assert.All(split["spec"]!["backends"]!.AsArray(), b => Assert.Contains(Manifests.Text(b!["service"]), services));
            foreach (var match in split["spec"]!["matches"]?.AsArray() ?? [])
            {
                Assert.NotNull(RouteGroupMatches(objects, Manifests.Text(match!["name"])!));
            }
        }

        foreach (var target in objects.Where(o => Manifests.Kind(o) == "TrafficTarget"))
        {
            var spec = target["spec"]!;
            Assert.Contains(Manifests.Text(spec["destination"]!["name"]), accounts);
            Assert.All(spec["sources"]!.AsArray(), s => Assert.Contains(Manifests.Text(s!["name"]), accounts));
            foreach (var rule in spec["rules"]!.AsArray())
            {
                var kind = Manifests.Text(rule!["kind"])!;
                var name = Manifests.Text(rule["name"])!;
                Assert.Contains(name, Names(objects, kind));
                if (kind == "HTTPRouteGroup")
                {
                    var available = RouteGroupMatches(objects, name)!;
                    Assert.All(Manifests.Strings(rule["matches"]), m => Assert.Contains(m, available));
                }
            }
        }
    }

    [Fact]
    public void Canary_NinetyTenOverTwoVersions()
    {
        var objects = SampleSchemaTests.SampleDocuments("canary").ToList();
        var split = Manifests.Single(objects, "TrafficSplit", "web");

        Assert.Equal("demo", Manifests.Namespace(split));
        Assert.Equal("split.smi-spec.io/v1alpha4", Manifests.Text(split["apiVersion"]));
        Assert.Equal([("web-v1", 90L), ("web-v2", 10L)], Backends(split));
        Assert.Equal([("client", 1L), ("web-v1", 2L), ("web-v2", 1L)], Replicas(objects));
        Assert.Equal("web", Manifests.Text(Manifests.Single(objects, "Service", "web")["spec"]!["selector"]!["app"]));
        Assert.Null(Manifests.Single(objects, "Service", "web")["spec"]!["selector"]!["version"]);
    }

    [Fact]
    public void BlueGreen_AllTrafficToBlue()
    {
        var split = Manifests.Single(SampleSchemaTests.SampleDocuments("blue-green"), "TrafficSplit", "shop");

        Assert.Equal([("shop-blue", 100L), ("shop-green", 0L)], Backends(split));
    }

    [Fact]
    public void AbHeader_SplitOnlyForHeaderMatches()
    {
        var objects = SampleSchemaTests.SampleDocuments("ab-header").ToList();
        var split = Manifests.Single(objects, "TrafficSplit", "website-ab");
        var group = Manifests.Single(objects, "HTTPRouteGroup", Manifests.Text(split["spec"]!["matches"]![0]!["name"])!);

        Assert.Equal([("website-v1", 0L), ("website-v2", 100L)], Backends(split));
        Assert.All(group["spec"]!["matches"]!.AsArray(), m => Assert.NotNull(m!["headers"]));
        Assert.Equal("true", Manifests.Text(group["spec"]!["matches"]![0]!["headers"]!["x-canary"]));
    }

    [Fact]
    public void AccessControl_PathMethodAndPortRulesAndADeniedClient()
    {
        var objects = SampleSchemaTests.SampleDocuments("access-control").ToList();
        var targets = objects.Where(o => Manifests.Kind(o) == "TrafficTarget").ToList();
        var sources = targets.SelectMany(t => t["spec"]!["sources"]!.AsArray()).Select(s => Manifests.Text(s!["name"])).ToHashSet();
        var routes = Manifests.Single(objects, "HTTPRouteGroup", "api-routes")["spec"]!["matches"]!.AsArray();

        Assert.Contains("intruder", Names(objects, "ServiceAccount"));
        Assert.DoesNotContain("intruder", sources);
        Assert.All(routes, m => Assert.NotNull(m!["pathRegex"]));
        Assert.All(routes, m => Assert.DoesNotContain("*", Manifests.Strings(m!["methods"])));
        Assert.Contains(targets, t => t["spec"]!["rules"]!.AsArray().Any(r => Manifests.Text(r!["kind"]) == "TCPRoute")
            && t["spec"]!["rules"]!.AsArray().Any(r => Manifests.Text(r!["kind"]) == "HTTPRouteGroup" && Manifests.Strings(r!["matches"]).Count > 0));
    }

    [Fact]
    public void FlaggerStyle_FlaggersObjectModel()
    {
        var objects = SampleSchemaTests.SampleDocuments("flagger-style").ToList();
        var split = Manifests.Single(objects, "TrafficSplit", "podinfo");

        Assert.Equal("split.smi-spec.io/v1alpha2", Manifests.Text(split["apiVersion"]));
        Assert.Equal("podinfo", Manifests.Text(split["spec"]!["service"]));
        Assert.Equal([("podinfo-canary", 0L), ("podinfo-primary", 100L)], Backends(split));
        Assert.Equal("podinfo-primary", Manifests.Text(Manifests.Single(objects, "Service", "podinfo")["spec"]!["selector"]!["app"]));
        Assert.Equal("podinfo-primary", Manifests.Text(Manifests.Single(objects, "Service", "podinfo-primary")["spec"]!["selector"]!["app"]));
        Assert.Equal("podinfo", Manifests.Text(Manifests.Single(objects, "Service", "podinfo-canary")["spec"]!["selector"]!["app"]));
    }

    private static IReadOnlyList<string> Keys(IEnumerable<JsonObject> objects) =>
        [.. objects.Select(o => $"{o["apiVersion"]} {Manifests.Kind(o)} {Manifests.Namespace(o)}/{Manifests.Name(o)}").Order(StringComparer.Ordinal)];

    private static HashSet<string?> Names(IEnumerable<JsonObject> objects, string kind) =>
        objects.Where(o => Manifests.Kind(o) == kind).Select(Manifests.Name).ToHashSet();

    private static HashSet<string?>? RouteGroupMatches(IEnumerable<JsonObject> objects, string name) =>
        objects.FirstOrDefault(o => Manifests.Kind(o) == "HTTPRouteGroup" && Manifests.Name(o) == name)?["spec"]?["matches"]?.AsArray()
            .Select(m => Manifests.Text(m!["name"])).ToHashSet();

    private static bool Selects(JsonObject service, JsonObject deployment)
    {
        var labels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        return service["spec"]!["selector"]!.AsObject().All(s => Manifests.Text(labels[s.Key]) == Manifests.Text(s.Value));
    }

    private static IReadOnlyList<(string?, long)> Backends(JsonObject split) =>
        [.. split["spec"]!["backends"]!.AsArray().Select(b => (Manifests.Text(b!["service"]), b["weight"]!.GetValue<long>()))];

    private static IReadOnlyList<(string?, long)> Replicas(IEnumerable<JsonObject> objects) =>
        [.. objects.Where(o => Manifests.Kind(o) == "Deployment").Select(d => (Manifests.Name(d), d["spec"]!["replicas"]!.GetValue<long>())).OrderBy(p => p.Item1, StringComparer.Ordinal)];
}
