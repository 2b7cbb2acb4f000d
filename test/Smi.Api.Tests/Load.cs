using Smi.Api.Manifests;
using Smi.Api.Model;
using Smi.Api.Validation;

namespace Smi.Api.Tests;

/// <summary>Loads YAML snippets the way users write them.</summary>
internal static class Load
{
    public static LoadedDocument Single(string yaml)
    {
        var file = ManifestLoader.LoadText("test.yaml", yaml);
        Assert.Empty(file.Errors);
        return Assert.Single(file.Documents);
    }

    public static T Hub<T>(string yaml)
        where T : SmiObject
    {
        var document = Single(yaml);
        Assert.True(document.Content == LoadedContent.Smi, string.Join("; ", document.Findings.Select(f => $"{f.Path}: {f.Message}")));
        return Assert.IsAssignableFrom<T>(document.Smi);
    }

    /// <summary>Every finding (load and validation) as "severity path: message".</summary>
    public static List<string> Findings(string yaml) =>
        [.. ManifestValidation.Validate(Single(yaml)).Select(f => $"{(f.Severity == FindingSeverity.Error ? "error" : "warning")} {f.Path}: {f.Message}")];
}
