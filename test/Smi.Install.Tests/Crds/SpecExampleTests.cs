using System.Text.Json.Nodes;
using Smi.Install.Tests.Support;
using Smi.Testing;

namespace Smi.Install.Tests.Crds;

/// <summary>
/// Every SMI object among the spec's examples (../shared/smi/examples, beside the repository, never
/// copied into it) is accepted by our CRD for its version, with nothing pruned — except the known
/// negative cases, which have their own tests.
/// </summary>
public sealed class SpecExampleTests
{
    private const string PublishedInvalidAbTest = "split-v1alpha4-ab-test-as-published-invalid.yaml";
    private const string IdentityBindingDraft = "access-v1alpha4-identitybinding-draft.yaml";

    private static readonly HashSet<string> SmiGroups = new(StringComparer.Ordinal) { "split.smi-spec.io", "access.smi-spec.io", "specs.smi-spec.io" };

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        if (RepoPaths.SmiExamples is not { } examples)
        {
            data.Add("(examples folder absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(examples, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (SmiDocuments(file).Any())
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_EverySmiObject_ValidForItsVersionWithNothingPruned(string file)
    {
        var examples = RequireExamples();
        var validated = 0;
        foreach (var doc in SmiDocuments(Path.Combine(examples, file)))
        {
            if (IsKnownNegative(file, doc))
            {
                continue;
            }

            var result = RepoCrds.Catalog.Validate(doc);

            Assert.True(result is not null, $"{file}: no CRD for {doc["apiVersion"]} {Manifests.Kind(doc)}");
            Assert.True(result.IsValid, $"{file}: {result.Message(Manifests.Kind(doc)!, Manifests.Name(doc) ?? "?")}");
            Assert.True(result.PrunedFields.Count == 0, $"{file}: {Manifests.Kind(doc)} {Manifests.Name(doc)} lost fields: {string.Join(", ", result.PrunedFields)}");
            validated++;
        }

        if (file != IdentityBindingDraft)
        {
            Assert.True(validated > 0, $"{file}: no SMI object was validated");
        }
    }

    [Fact]
    public void Examples_CoverEveryReleasedLayout()
    {
        var examples = RequireExamples();
        var seen = Directory.EnumerateFiles(examples, "*.yaml")
            .SelectMany(SmiDocuments)
            .Select(d => $"{Manifests.Kind(d)} {d["apiVersion"]}")
            .ToHashSet(StringComparer.Ordinal);

        string[] expected =
        [
            "TrafficSplit split.smi-spec.io/v1alpha1", "TrafficSplit split.smi-spec.io/v1alpha2", "TrafficSplit split.smi-spec.io/v1alpha4",
            "TrafficTarget access.smi-spec.io/v1alpha1", "TrafficTarget access.smi-spec.io/v1alpha2", "TrafficTarget access.smi-spec.io/v1alpha3",
            "HTTPRouteGroup specs.smi-spec.io/v1alpha1", "HTTPRouteGroup specs.smi-spec.io/v1alpha2", "HTTPRouteGroup specs.smi-spec.io/v1alpha3", "HTTPRouteGroup specs.smi-spec.io/v1alpha4",
            "TCPRoute specs.smi-spec.io/v1alpha1", "TCPRoute specs.smi-spec.io/v1alpha3", "TCPRoute specs.smi-spec.io/v1alpha4", "UDPRoute specs.smi-spec.io/v1alpha4",
        ];
        Assert.All(expected, e => Assert.Contains(e, seen));
    }

    [Fact]
    public void PublishedInvalidAbTest_HttpRouteGroupLosesMatchesThenFailsSpecRequired()
    {
        var examples = RequireExamples();
        var group = SmiDocuments(Path.Combine(examples, PublishedInvalidAbTest)).Single(d => Manifests.Kind(d) == "HTTPRouteGroup");

        var result = RepoCrds.Catalog.Validate(group)!;

        Assert.Equal(["matches"], result.PrunedFields);
        Assert.Equal(["spec: Required value"], result.Errors.Select(e => e.ToString()));

        // Adding an empty spec to the pruned object leaves the next requirement: spec.matches.
        result.Object["spec"] = new JsonObject();
        Assert.Equal(["spec.matches: Required value"], RepoCrds.Catalog.Validate(result.Object)!.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void PublishedInvalidAbTest_TrafficSplitItselfIsValid()
    {
        var examples = RequireExamples();
        var split = SmiDocuments(Path.Combine(examples, PublishedInvalidAbTest)).Single(d => Manifests.Kind(d) == "TrafficSplit");

        Assert.True(RepoCrds.Catalog.Validate(split)!.IsValid);
    }

    [Fact]
    public void IdentityBindingDraft_NotServed()
    {
        var examples = RequireExamples();
        var binding = SmiDocuments(Path.Combine(examples, IdentityBindingDraft)).Single();

        Assert.Equal("IdentityBinding", Manifests.Kind(binding));
        Assert.Null(RepoCrds.Catalog.Validate(binding));
    }

    [Fact]
    public void HeadersListFormExample_KeptAsWritten()
    {
        var examples = RequireExamples();
        var group = SmiDocuments(Path.Combine(examples, "specs-v1alpha4-httproutegroup-headers-list-form.yaml")).Single();

        var result = RepoCrds.Catalog.Validate(group)!;

        Assert.True(result.IsValid);
        Assert.IsType<JsonArray>(result.Object["spec"]!["matches"]![0]!["headers"]);
    }

    private static bool IsKnownNegative(string file, JsonObject doc) =>
        (file == PublishedInvalidAbTest && Manifests.Kind(doc) == "HTTPRouteGroup")
        || (file == IdentityBindingDraft && Manifests.Kind(doc) == "IdentityBinding");

    private static IEnumerable<JsonObject> SmiDocuments(string path) =>
        Manifests.ReadFile(path).Where(d => SmiGroups.Contains(Manifests.Group(d)));

    internal static string RequireExamples()
    {
        if (RepoPaths.SmiExamples is { } examples)
        {
            return examples;
        }

        Assert.Skip($"SMI spec examples not found in ../shared/smi/examples beside {RepoPaths.Root} (they live beside the repository, never in it): skipped");
        return string.Empty;
    }
}
