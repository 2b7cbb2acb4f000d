using System.Text.Json.Nodes;
using Smi.Install.Tests.Support;
using Smi.Testing;

namespace Smi.Install.Tests.Crds;

/// <summary>Every SMI object (and TrafficPolicy) in config/samples is valid for its version, with nothing pruned.</summary>
public sealed class SampleSchemaTests
{
    public static TheoryData<string> Samples() => new(Directory.EnumerateDirectories(RepoPaths.Samples).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_EverySmiObject_ValidWithNothingPruned(string sample)
    {
        var smi = SampleDocuments(sample).Where(d => Manifests.Group(d).EndsWith(".smi-spec.io", StringComparison.Ordinal) || Manifests.Group(d) == "policy.smi-operator.io").ToList();

        Assert.NotEmpty(smi);
        foreach (var doc in smi)
        {
            var result = RepoCrds.Catalog.Validate(doc);
            Assert.True(result is not null, $"{sample}: no CRD for {doc["apiVersion"]} {Manifests.Kind(doc)}");
            Assert.True(result.IsValid, $"{sample}: {result.Message(Manifests.Kind(doc)!, Manifests.Name(doc)!)}");
            Assert.Empty(result.PrunedFields);
        }
    }

    internal static IEnumerable<JsonObject> SampleDocuments(string sample) =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Samples, sample), "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(Manifests.ReadFile);
}
