using Smi.Testing;

namespace Smi.Install.Tests.Structure;

/// <summary>
/// The top-level folders of every product project (operator/*, proxy/*) form layers: no folder
/// uses, directly or through others, a folder that uses it. A cycle means two rooms that can only
/// be understood, changed and tested together; the failure names it with a file for each step.
/// </summary>
public sealed class FolderCycleTests
{
    /// <summary>
    /// Known cycles, to be taken apart. Smi.Api's rooms (Versions, Conversion, Manifests,
    /// Validation) use each other; untangling them moves types whose namespaces the webhook, the
    /// CLI and the shared test helpers import (FieldPath, ManifestValidation), so it is its own
    /// change. Listed exactly: the test fails when such a group grows, shrinks or disappears.
    /// </summary>
    private static readonly Dictionary<string, string[][]> Known = new(StringComparer.Ordinal)
    {
        ["operator/Smi.Api/Smi.Api.csproj"] = [["Conversion", "Manifests", "Validation", "Versions"]],
    };

    public static TheoryData<string> ProductProjects()
    {
        var projects = new TheoryData<string>();
        foreach (var side in new[] { "operator", "proxy" })
        {
            foreach (var csproj in Directory.GetFiles(Path.Combine(RepoPaths.Root, side), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                projects.Add(Path.GetRelativePath(RepoPaths.Root, csproj).Replace('\\', '/'));
            }
        }

        return projects;
    }

    [Fact]
    public void ProductProjects_OperatorAndProxy_AreFound()
    {
        var projects = ProductProjects().Select(p => p.Data).ToList();

        Assert.Contains("proxy/SmiProxy/SmiProxy.csproj", projects);
        Assert.Contains("operator/Smi.Operator/Smi.Operator.csproj", projects);
        Assert.Contains("operator/Smi.Core/Smi.Core.csproj", projects);
    }

    [Theory]
    [MemberData(nameof(ProductProjects))]
    public void Folders_ProductProject_UseEachOtherWithoutCycles(string project)
    {
        var graph = FolderGraph.Load(Path.Combine(RepoPaths.Root, project));

        var groups = graph.CyclicGroups();

        var expected = Known.GetValueOrDefault(project, []);
        Assert.True(
            groups.Select(g => string.Join(", ", g)).SequenceEqual(expected.Select(g => string.Join(", ", g))),
            $"{project}: folders in a cycle: {string.Join("; ", groups.Select(graph.DescribeCycle))}" + (expected.Length > 0 ? $" (known: {string.Join("; ", expected.Select(g => string.Join(", ", g)))})" : string.Empty));
    }

    [Fact]
    public void CyclicGroups_TwoFoldersThroughAThird_FindsTheCircle()
    {
        var graph = new FolderGraph(new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["Hosting"] = new(StringComparer.Ordinal) { ["Routing"] = "Hosting/App.cs" },
            ["Routing"] = new(StringComparer.Ordinal) { ["Telemetry"] = "Routing/Table.cs" },
            ["Telemetry"] = new(StringComparer.Ordinal) { ["Configuration"] = "Telemetry/Metrics.cs" },
            ["Configuration"] = new(StringComparer.Ordinal) { ["Routing"] = "Configuration/Compiler.cs" },
        });

        var group = Assert.Single(graph.CyclicGroups());

        Assert.Equal(["Configuration", "Routing", "Telemetry"], group);
        Assert.Equal("Configuration -> Routing (Configuration/Compiler.cs) -> Telemetry (Routing/Table.cs) -> Configuration (Telemetry/Metrics.cs)", graph.DescribeCycle(group));
    }

    [Fact]
    public void CyclicGroups_Layers_None()
    {
        var graph = new FolderGraph(new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["Hosting"] = new(StringComparer.Ordinal) { ["Routing"] = "Hosting/App.cs", ["Telemetry"] = "Hosting/App.cs" },
            ["Routing"] = new(StringComparer.Ordinal) { ["Telemetry"] = "Routing/Table.cs" },
            ["Telemetry"] = new(StringComparer.Ordinal),
        });

        Assert.Empty(graph.CyclicGroups());
    }

    [Fact]
    public void Load_QualifiedTypeWithoutUsing_CountsAsUse()
    {
        var directory = Directory.CreateTempSubdirectory("folder-graph-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "App.csproj"), "<Project><PropertyGroup><RootNamespace>App</RootNamespace></PropertyGroup></Project>");
            Directory.CreateDirectory(Path.Combine(directory.FullName, "Low"));
            Directory.CreateDirectory(Path.Combine(directory.FullName, "High"));
            File.WriteAllText(Path.Combine(directory.FullName, "Low", "Thing.cs"), "namespace App.Low;\n// High.Handler in a comment is no use\ninternal sealed class Thing { object? _h = typeof(High.Handler); }\n");
            File.WriteAllText(Path.Combine(directory.FullName, "High", "Handler.cs"), "using App.Low;\n\nnamespace App.High;\n\ninternal sealed class Handler;\n");

            var graph = FolderGraph.Load(Path.Combine(directory.FullName, "App.csproj"));

            Assert.Equal("Low/Thing.cs", graph.Edges["Low"]["High"].Replace('\\', '/'));
            Assert.Equal("High/Handler.cs", graph.Edges["High"]["Low"].Replace('\\', '/'));
            Assert.Equal(["High", "Low"], Assert.Single(graph.CyclicGroups()));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
