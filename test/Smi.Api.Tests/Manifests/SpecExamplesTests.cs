using k8s.Models;
using Smi.Api.Conversion;
using Smi.Api.Manifests;
using Smi.Api.Model;
using Smi.Api.Validation;
using Smi.Testing;

namespace Smi.Api.Tests.Manifests;

/// <summary>
/// Every example of the SMI spec (../shared/smi/examples) loads and behaves as that folder's README
/// says: valid ones validate clean, documented anti-patterns warn, documented-invalid ones fail with
/// the expected message.
/// </summary>
public sealed class SpecExamplesTests
{
    // File -> findings ("severity path: message prefix"), in order. Files not listed must be clean.
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["split-v1alpha1-self-referential-antipattern.yaml"] =
        [
            "warning spec.backends[1].service: backend \"foobar\" is the root service itself; SMI calls self-referential splits an anti-pattern",
        ],
        ["split-v1alpha4-ab-test-as-published-invalid.yaml"] =
        [
            "error matches: matches is at the top level, but in specs.smi-spec.io/v1alpha4 it belongs under spec: the v1 CRD prunes unknown top-level fields, which leaves an HTTPRouteGroup with no matches; move matches under spec:",
        ],
        ["access-v1alpha4-identitybinding-draft.yaml"] =
        [
            "error apiVersion: access.smi-spec.io/v1alpha4 is not a served version (access.smi-spec.io/v1alpha4, which adds IdentityBinding, is an unreleased draft of the SMI spec); this operator serves access.smi-spec.io/v1alpha1, access.smi-spec.io/v1alpha2, access.smi-spec.io/v1alpha3 (TrafficTarget)",
            "error spec.schemes.serviceAccount: podLabelSelector and serviceAccount are mutually exclusive in an IdentityBinding scheme; keep one of them",
        ],

        // Fragments of an API response: not Kubernetes objects at all, as kubectl would also say.
        ["metrics-v1alpha1-edge-fragments.yaml"] =
        [
            "error : not a Kubernetes object: apiVersion and kind are missing",
            "error : not a Kubernetes object: apiVersion and kind are missing",
        ],
    };

    [Fact]
    public void Examples_EveryFile_LoadsAndBehavesAsReadmeSays()
    {
        var folder = Examples();
        var files = ManifestLoader.Expand(folder);
        Assert.Equal(42, files.Count);
        var mismatches = new List<string>();
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            var file = ManifestLoader.LoadFile(path);
            Assert.Empty(file.Errors);
            Assert.NotEmpty(file.Documents);
            var findings = file.Documents.SelectMany(d => ManifestValidation.Validate(d))
                .Select(f => $"{(f.Severity == FindingSeverity.Error ? "error" : "warning")} {f.Path}: {f.Message}")
                .ToList();
            var expected = Expected.GetValueOrDefault(name, []);
            if (findings.Count != expected.Length || findings.Zip(expected).Any(p => !p.First.StartsWith(p.Second, StringComparison.Ordinal)))
            {
                mismatches.Add($"{name}:\n  expected: {string.Join("\n            ", expected)}\n  actual:   {string.Join("\n            ", findings)}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Examples_Contents_ReadAsTheirKinds()
    {
        var folder = Examples();
        foreach (var path in ManifestLoader.Expand(folder))
        {
            var name = Path.GetFileName(path);
            var documents = ManifestLoader.LoadFile(path).Documents;
            var expected = name switch
            {
                _ when name.StartsWith("split-ports-", StringComparison.Ordinal) => LoadedContent.Kubernetes,
                "metrics-v1alpha1-edge-fragments.yaml" or "access-v1alpha4-identitybinding-draft.yaml" => LoadedContent.Invalid,
                _ when name.StartsWith("metrics-", StringComparison.Ordinal) => LoadedContent.Skipped,
                _ => LoadedContent.Smi,
            };
            Assert.All(documents, d => Assert.True(d.Content == expected, $"{name} document {d.Index}: {d.Content}, expected {expected}"));
        }
    }

    [Theory]
    [InlineData("split-v1alpha1-my-weights.yaml", new[] { "0.01", "0.1", "1.5" })]
    [InlineData("split-v1alpha1-workflow-step1.yaml", new[] { "1", "0" })]
    [InlineData("split-v1alpha1-workflow-step2.yaml", new[] { "1", "0.5" })]
    [InlineData("split-v1alpha1-my-canary.yaml", new[] { "0.1", "0.9" })]
    [InlineData("split-v1alpha4-workflow-step2.yaml", new[] { "1000", "500" })]
    [InlineData("split-v1alpha4-canary.yaml", new[] { "90", "10" })]
    public void Examples_SplitWeights_AreExact(string file, string[] weights)
    {
        var split = Assert.IsType<TrafficSplit>(Assert.Single(ManifestLoader.LoadFile(Path.Combine(Examples(), file)).Documents).Smi);
        Assert.Equal(weights.Select(decimal.Parse), split.Backends.Select(b => b.Weight));
    }

    [Fact]
    public void Examples_HeadersListForm_ReadAsList()
    {
        var group = Assert.IsType<HttpRouteGroup>(Assert.Single(ManifestLoader.LoadFile(Path.Combine(Examples(), "specs-v1alpha4-httproutegroup-headers-list-form.yaml")).Documents).Smi);
        var match = Assert.Single(group.Matches);
        Assert.Equal(HeadersForm.List, match.HeadersForm);
        Assert.Equal([new HeaderMatch("user-agent", ".*Android.*"), new HeaderMatch("cookie", "^(.*?;)?(type=insider)(;.*)?$")], match.Headers);
    }

    [Fact]
    public void Examples_AccessV1Alpha1_KeepsDestinationPort()
    {
        var targets = ManifestLoader.LoadFile(Path.Combine(Examples(), "access-v1alpha1-api-service.yaml")).Documents.Select(d => d.Smi).OfType<TrafficTarget>().ToList();
        Assert.Equal([null, 8080], targets.Select(t => t.DestinationPort));
        Assert.Equal("specs", SmiPaths.TargetRules(targets[0].SourceApiVersion));
    }

    [Fact]
    public void Examples_Services_ReadAsKubernetesModelsInDefaultNamespace()
    {
        var documents = ManifestLoader.LoadFile(Path.Combine(Examples(), "split-ports-birds-valid.yaml")).Documents;
        var green = Assert.IsType<V1Service>(documents[2].Kubernetes);
        Assert.Equal("default", green.Metadata.NamespaceProperty);
        Assert.Equal("8081", green.Spec.Ports[0].TargetPort.Value);
    }

    [Fact]
    public void Examples_EverySmiObject_RoundTripsThroughEveryVersion()
    {
        var folder = Examples();
        var objects = ManifestLoader.Load([folder]).SelectMany(f => f.Documents).Where(d => d.Smi is not null).Select(d => d.Smi!).ToList();
        Assert.NotEmpty(objects);
        foreach (var hub in objects)
        {
            foreach (var version in SmiApiRegistry.All.Where(v => v.Kind == hub.Kind))
            {
                var back = version.FromHub(hub).Bind(wire => version.ToHub(wire));
                Assert.True(back.IsSuccess, $"{hub.DisplayName} via {version}: {back.Error}");
                HubAssert.Equal(hub, back.Value);
            }
        }
    }

    private static string Examples()
    {
        if (RepoPaths.SmiExamples is not { } folder)
        {
            Assert.Skip("../shared/smi/examples is not present next to the repository; the SMI spec example tests are skipped");
            throw new InvalidOperationException("unreachable: Assert.Skip throws");
        }

        return folder;
    }
}
