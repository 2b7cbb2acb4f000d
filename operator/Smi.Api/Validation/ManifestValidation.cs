using System.Collections.Immutable;
using Smi.Api.Manifests;

namespace Smi.Api.Validation;

/// <summary>
/// Everything wrong with a loaded document: what reading found, then the kind's validation rules,
/// located in the file. What <c>validate</c> prints and local mode refuses to use.
/// </summary>
public static class ManifestValidation
{
    /// <summary>The findings for <paramref name="document"/>, in document order of discovery.</summary>
    public static ImmutableArray<ManifestFinding> Validate(LoadedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Smi is null)
        {
            return document.Findings;
        }

        var loaded = document.Findings.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var rules = SmiValidation.Validate(document.Smi)
            .Where(f => !Duplicates(f, loaded, document))
            .Select(f => new ManifestFinding(f.Severity, document.FullPath(f.Path), f.Message, document.PositionOf(f.Path)));
        return [.. document.Findings, .. rules];
    }

    // A layout error on matches (top level vs under spec) already explains why the group has no matches.
    private static bool Duplicates(ValidationFinding finding, HashSet<string> loaded, LoadedDocument document) =>
        finding.Path is "matches" or "spec.matches"
        && (loaded.Contains(document.FullPath("matches")) || loaded.Contains(document.FullPath("spec.matches")));
}
