using Smi.Api.Manifests;

namespace Smi.Api.Tests.Manifests;

public sealed class YamlJsonReaderTests
{
    [Fact]
    public void ReadAll_MultiDocument_ReturnsEachDocumentWithPositions()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            ---
            spec:
              backends:
              - service: one
                weight: 10m
              - service: two
                weight: 1
            """;

        var docs = YamlJsonReader.ReadAll(yaml);

        Assert.Equal(2, docs.Count);
        Assert.Equal("Service", docs[0].Root!["kind"]!.GetValue<string>());
        Assert.Equal("10m", docs[1].Root!["spec"]!["backends"]![0]!["weight"]!.GetValue<string>());
        Assert.Equal(1L, docs[1].Root!["spec"]!["backends"]![1]!["weight"]!.GetValue<long>());
        Assert.Equal(new SourcePosition(9, 13), docs[1].Positions["spec.backends[1].weight"]);
    }

    [Theory]
    [InlineData("a: 1", typeof(long))]
    [InlineData("a: -1.5", typeof(decimal))]
    [InlineData("a: \"1\"", typeof(string))]
    [InlineData("a: true", typeof(bool))]
    [InlineData("a: 500m", typeof(string))]
    [InlineData("a: 1e3", typeof(decimal))]
    public void ReadAll_Scalars_ResolvedByCoreSchema(string yaml, Type expected)
    {
        var value = YamlJsonReader.ReadAll(yaml)[0].Root!["a"]!.AsValue();

        Assert.True(value.TryGetValue(out object? raw));
        Assert.IsType(expected, raw);
    }

    [Fact]
    public void ReadAll_NullScalar_IsJsonNull()
    {
        var root = YamlJsonReader.ReadAll("a: ~\nb:\n")[0].Root!.AsObject();

        Assert.True(root.ContainsKey("a"));
        Assert.Null(root["a"]);
        Assert.Null(root["b"]);
    }

    [Fact]
    public void ReadAll_Malformed_ThrowsWithLineAndColumn()
    {
        const string yaml = "a: 1\nb: [1, 2\nc: 3\n";

        var ex = Assert.Throws<YamlSyntaxException>(() => YamlJsonReader.ReadAll(yaml));

        Assert.True(ex.Position.Line >= 2, $"reported line {ex.Position.Line}");
        Assert.DoesNotContain("Idx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_DuplicateKey_Throws()
    {
        var ex = Assert.Throws<YamlSyntaxException>(() => YamlJsonReader.ReadAll("a: 1\na: 2\n"));

        Assert.Contains("duplicate key \"a\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Position.Line);
    }

    [Fact]
    public void ReadAll_Json_IsReadAsYaml()
    {
        var docs = YamlJsonReader.ReadAll("""{"kind": "TrafficSplit", "spec": {"backends": [{"weight": 5}]}}""");

        Assert.Equal(5L, docs[0].Root!["spec"]!["backends"]![0]!["weight"]!.GetValue<long>());
    }

    [Fact]
    public void ReadAll_AnchorsAndAliases_AreExpanded()
    {
        var root = YamlJsonReader.ReadAll("a: &x {k: v}\nb: *x\n")[0].Root!;

        Assert.Equal("v", root["b"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public void PositionOf_MissingField_FallsBackToParent()
    {
        var doc = YamlJsonReader.ReadAll("spec:\n  service: web\n")[0];

        Assert.Equal(doc.Positions["spec"], doc.PositionOf("spec.backends[0].weight"));
    }

    [Theory]
    [InlineData("spec.backends[1].weight", "spec.backends[1]")]
    [InlineData("spec.backends[1]", "spec.backends")]
    [InlineData("spec", "")]
    [InlineData("metadata.labels[\"a.b/c\"]", "metadata.labels")]
    public void Parent_Paths(string path, string parent) => Assert.Equal(parent, FieldPath.Parent(path));
}
