using System.Text.Json.Nodes;
using Smi.Api.Conversion;
using Smi.Install.Tests.Support;
using Smi.Testing;

namespace Smi.Install.Tests.Crds;

/// <summary>
/// The contract between the CRDs and the conversion the webhook performs (Smi.Api): the CRDs serve
/// exactly the versions the library converts, and whatever the conversion writes in a version is
/// valid there with nothing pruned (the API server prunes conversion output, which would lose data
/// silently rather than fail).
/// </summary>
public sealed class ConversionContractTests
{
    [Fact]
    public void Crds_ServeExactlyTheVersionsTheConversionKnows()
    {
        var crdVersions = RepoCrds.Catalog.Definitions
            .SelectMany(d => d.Versions.Where(v => v.Served).Select(v => $"{d.Group}/{v.Name} {d.Kind}"))
            .Order(StringComparer.Ordinal);
        var libraryVersions = SmiApiRegistry.All.Select(v => $"{v.ApiVersion} {v.Kind}").Order(StringComparer.Ordinal);

        Assert.Equal(libraryVersions, crdVersions);
    }

    [Fact]
    public void Crds_StoreTheHubVersions()
    {
        var stored = RepoCrds.Catalog.Definitions.Select(d => $"{d.Kind} {d.StorageVersion.Name}").Order(StringComparer.Ordinal);

        Assert.Equal(["HTTPRouteGroup v1alpha4", "TCPRoute v1alpha4", "TrafficPolicy v1alpha1", "TrafficSplit v1alpha4", "TrafficTarget v1alpha3", "UDPRoute v1alpha4"], stored);
    }

    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var sample in Directory.EnumerateDirectories(RepoPaths.Samples).Order(StringComparer.Ordinal))
        {
            data.Add($"samples/{Path.GetFileName(sample)}");
        }

        if (RepoPaths.SmiExamples is { } examples)
        {
            foreach (var file in Directory.EnumerateFiles(examples, "*.yaml").Order(StringComparer.Ordinal))
            {
                if (Objects(file).Any())
                {
                    data.Add($"examples/{Path.GetFileName(file)}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Convert_EveryObjectToEveryServedVersion_ValidThereWithNothingPruned(string source)
    {
        var path = source.StartsWith("samples/", StringComparison.Ordinal)
            ? Path.Combine(RepoPaths.Samples, source["samples/".Length..])
            : Path.Combine(SpecExampleTests.RequireExamples(), source["examples/".Length..]);
        var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.yaml") : [path];

        var converted = 0;
        foreach (var obj in files.Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(Objects))
        {
            var crd = RepoCrds.Catalog.Definitions.Single(d => d.Kind == Manifests.Kind(obj));
            foreach (var version in crd.Versions)
            {
                var target = $"{crd.Group}/{version.Name}";
                var result = SmiConverter.Convert(obj, target);
                Assert.True(result.IsSuccess, $"{source}: {Manifests.Kind(obj)} {Manifests.Name(obj)} to {target}: {result.Error}");

                var validation = version.Validate(result.Value!);
                Assert.True(validation.IsValid, $"{source}: {Manifests.Kind(obj)} {Manifests.Name(obj)} as {target}: {validation.Message(crd.QualifiedKind, Manifests.Name(obj) ?? "?")}");
                Assert.True(validation.PrunedFields.Count == 0, $"{source}: {Manifests.Kind(obj)} {Manifests.Name(obj)} as {target} loses {string.Join(", ", validation.PrunedFields)}");
                converted++;
            }
        }

        Assert.True(converted > 0, $"{source}: nothing converted");
    }

    // The SMI objects of a file that are valid for their own version (the known-invalid examples are
    // rejected at admission, so they never reach conversion).
    private static IEnumerable<JsonObject> Objects(string file) =>
        Manifests.ReadFile(file)
            .Where(d => Manifests.Group(d).EndsWith(".smi-spec.io", StringComparison.Ordinal))
            .Where(d => RepoCrds.Catalog.Validate(d) is { IsValid: true, PrunedFields.Count: 0 });
}
