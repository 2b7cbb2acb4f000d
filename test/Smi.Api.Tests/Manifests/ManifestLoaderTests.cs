using k8s.Models;
using Smi.Api.Manifests;
using Smi.Api.Model;
using Smi.Api.Validation;

namespace Smi.Api.Tests.Manifests;

public sealed class ManifestLoaderTests
{
    [Fact]
    public void LoadText_JsonList_ExpandsItemsAndPrefixesPaths()
    {
        const string json = """
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {"apiVersion": "split.smi-spec.io/v1alpha4", "kind": "TrafficSplit", "metadata": {"name": "s", "namespace": "shop"},
                 "spec": {"service": "web", "backends": [{"service": "a", "weight": 1.5}]}},
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}}
              ]
            }
            """;

        var file = ManifestLoader.LoadText("list.json", json);

        Assert.Equal(2, file.Documents.Length);
        var split = file.Documents[0];
        Assert.Equal(0, split.ItemIndex);
        Assert.Equal(LoadedContent.Invalid, split.Content);
        Assert.Equal("shop", split.Namespace);
        var finding = Assert.Single(split.Findings);
        Assert.Equal("items[0].spec.backends[0].weight", finding.Path);
        Assert.Equal(new SourcePosition(6, 73), finding.Position);
        Assert.Equal(LoadedContent.Kubernetes, file.Documents[1].Content);
        Assert.Equal(1, file.Documents[1].ItemIndex);
    }

    [Fact]
    public void LoadText_NoNamespace_ReadAsDefault()
    {
        var file = ManifestLoader.LoadText("x.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata:\n  name: r\nspec:\n  matches:\n    ports: []\n");

        Assert.Equal("default", file.Documents[0].Namespace);
        Assert.Equal("default", file.Documents[0].Kubernetes!.Metadata.NamespaceProperty);
        Assert.Equal("default", file.Documents[1].Namespace);
        Assert.Equal("default", file.Documents[1].Smi!.Metadata.Namespace);
    }

    [Fact]
    public void LoadText_Namespace_IsClusterScoped()
    {
        var document = Assert.Single(ManifestLoader.LoadText("x.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n").Documents);

        Assert.Equal(string.Empty, document.Namespace);
        Assert.IsType<V1Namespace>(document.Kubernetes);
        Assert.Null(document.Kubernetes!.Metadata.NamespaceProperty);
    }

    [Theory]
    [InlineData("v1", "Namespace", typeof(V1Namespace))]
    [InlineData("v1", "Service", typeof(V1Service))]
    [InlineData("v1", "Endpoints", typeof(V1Endpoints))]
    [InlineData("discovery.k8s.io/v1", "EndpointSlice", typeof(V1EndpointSlice))]
    [InlineData("v1", "Pod", typeof(V1Pod))]
    [InlineData("v1", "ServiceAccount", typeof(V1ServiceAccount))]
    [InlineData("apps/v1", "Deployment", typeof(V1Deployment))]
    [InlineData("apps/v1", "ReplicaSet", typeof(V1ReplicaSet))]
    [InlineData("apps/v1", "StatefulSet", typeof(V1StatefulSet))]
    [InlineData("apps/v1", "DaemonSet", typeof(V1DaemonSet))]
    public void LoadText_CoreKind_KubernetesClientModel(string apiVersion, string kind, Type expected)
    {
        var extra = kind == "EndpointSlice" ? "addressType: IPv4\nendpoints:\n- addresses: [10.0.0.1]\n" : string.Empty;
        var document = Assert.Single(ManifestLoader.LoadText("x.yaml", $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: n\n{extra}").Documents);

        Assert.Equal(LoadedContent.Kubernetes, document.Content);
        Assert.IsType(expected, document.Kubernetes);
        Assert.Equal("n", document.Kubernetes!.Metadata.Name);
    }

    [Fact]
    public void LoadText_CoreKindWrongType_ErrorWithPath()
    {
        var document = Assert.Single(ManifestLoader.LoadText("x.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: \"8080\"\n").Documents);

        var finding = Assert.Single(document.Findings);
        Assert.Equal("spec.ports", finding.Path);
        Assert.Equal("expected a list, got \"8080\"", finding.Message);
        Assert.Equal(new SourcePosition(6, 10), finding.Position);
    }

    [Fact]
    public void LoadText_WrongFieldType_TranslatedWithLineAndColumn()
    {
        var document = Assert.Single(ManifestLoader.LoadText("x.yaml", "apiVersion: split.smi-spec.io/v1alpha2\nkind: TrafficSplit\nmetadata:\n  name: s\nspec:\n  service: web\n  backends:\n  - service: a\n    weight: 1.5\n").Documents);

        var finding = Assert.Single(document.Findings);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("spec.backends[0].weight", finding.Path);
        Assert.StartsWith("expected a whole number, got 1.5", finding.Message, StringComparison.Ordinal);
        Assert.Equal(new SourcePosition(9, 13), finding.Position);
    }

    [Fact]
    public void LoadText_BadTimestamp_LocatedError()
    {
        var document = Assert.Single(ManifestLoader.LoadText("x.yaml", "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata:\n  name: r\n  creationTimestamp: yesterday\nspec:\n  matches:\n    ports: []\n").Documents);

        var finding = Assert.Single(document.Findings);
        Assert.Equal("metadata.creationTimestamp", finding.Path);
        Assert.Equal("expected a timestamp (RFC 3339, e.g. 2024-01-02T03:04:05Z), got \"yesterday\"", finding.Message);
        Assert.Equal(new SourcePosition(5, 22), finding.Position);
    }

    [Fact]
    public void LoadText_MalformedYaml_FileErrorWithPosition()
    {
        var file = ManifestLoader.LoadText("x.yaml", "apiVersion: v1\nkind: [Service\nmetadata: {}\n");

        Assert.Empty(file.Documents);
        var error = Assert.Single(file.Errors);
        Assert.StartsWith("malformed YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Position.Line >= 2, error.Position.ToString());
    }

    [Theory]
    [InlineData("kind: TrafficSplit\nmetadata:\n  name: s\n", "apiVersion", "required: apiVersion is missing or not a string; TrafficSplit is served as split.smi-spec.io/v1alpha1, split.smi-spec.io/v1alpha2, split.smi-spec.io/v1alpha3, split.smi-spec.io/v1alpha4")]
    [InlineData("apiVersion: v1\nmetadata:\n  name: s\n", "kind", "required: kind is missing or not a string")]
    [InlineData("metadata:\n  name: s\n", "", "not a Kubernetes object: apiVersion and kind are missing (a manifest needs both, as strings)")]
    [InlineData("- a\n- b\n", "", "expected a Kubernetes object (a map with apiVersion and kind), got a list")]
    [InlineData("just text\n", "", "expected a Kubernetes object (a map with apiVersion and kind), got a scalar")]
    public void LoadText_NotAnObject_ClearError(string yaml, string path, string message)
    {
        var document = Assert.Single(ManifestLoader.LoadText("x.yaml", yaml).Documents);

        Assert.Equal(LoadedContent.Invalid, document.Content);
        var finding = Assert.Single(document.Findings);
        Assert.Equal(path, finding.Path);
        Assert.Equal(message, finding.Message);
    }

    [Theory]
    [InlineData("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n", "rbac.authorization.k8s.io/v1 Role is not an SMI object")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", "v1 ConfigMap is not an SMI object")]
    [InlineData("apiVersion: metrics.smi-spec.io/v1alpha1\nkind: TrafficMetrics\nresource: {}\n", "metrics.smi-spec.io/v1alpha1 TrafficMetrics is a metrics API response, not a manifest")]
    public void LoadText_OtherKinds_SkippedWithReason(string yaml, string reason)
    {
        var document = Assert.Single(ManifestLoader.LoadText("x.yaml", yaml).Documents);

        Assert.Equal(LoadedContent.Skipped, document.Content);
        Assert.Equal(reason, document.SkipReason);
        Assert.False(document.HasErrors);
    }

    [Fact]
    public void LoadText_EmptyDocuments_Ignored()
    {
        var file = ManifestLoader.LoadText("x.yaml", "---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n");

        var document = Assert.Single(file.Documents);
        Assert.Equal(1, document.Index);
    }

    [Fact]
    public void Load_Folder_RecursiveAndOnlyManifestExtensions()
    {
        var root = Directory.CreateTempSubdirectory("smi-load-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "sub"));
            const string route = "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata:\n  name: r\nspec:\n  matches:\n    ports: [80]\n";
            File.WriteAllText(Path.Combine(root, "a.yaml"), route);
            File.WriteAllText(Path.Combine(root, "sub", "b.YML"), route);
            File.WriteAllText(Path.Combine(root, "sub", "c.json"), """{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "web"}}""");
            File.WriteAllText(Path.Combine(root, "notes.txt"), "not: a manifest");

            var files = ManifestLoader.Load([root]);

            Assert.Equal(["a.yaml", "b.YML", "c.json"], files.Select(f => Path.GetFileName(f.Path)));
            Assert.All(files, f => Assert.False(f.Documents.Single().HasErrors));
            Assert.IsType<L4Route>(files[1].Documents[0].Smi);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void LoadFile_Unreadable_FileError()
    {
        var file = ManifestLoader.LoadFile(Path.Combine(Path.GetTempPath(), "smi-does-not-exist-" + Guid.NewGuid() + ".yaml"));

        var error = Assert.Single(file.Errors);
        Assert.StartsWith("cannot read the file:", error.Message, StringComparison.Ordinal);
    }
}
