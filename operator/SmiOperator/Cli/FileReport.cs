using System.Collections.Immutable;
using Smi.Api.Manifests;
using Smi.Api.Validation;

namespace SmiOperator.Cli;

/// <summary>What <c>validate</c> found in one file.</summary>
/// <param name="File">The file.</param>
/// <param name="Findings">Each finding with the document it belongs to (null for file-level errors), ordered by position.</param>
/// <param name="SmiObjects">Documents read as SMI objects.</param>
/// <param name="Skipped">Documents that are not SMI (core Kubernetes kinds, other kinds, metrics responses).</param>
/// <param name="Unreadable">Documents that could not be read at all (their errors say why).</param>
internal sealed record FileReport(string File, ImmutableArray<(ManifestFinding Finding, LoadedDocument? Document)> Findings, int SmiObjects, int Skipped, int Unreadable)
{
    public int Errors => Findings.Count(f => f.Finding.Severity == FindingSeverity.Error);

    public int Warnings => Findings.Count(f => f.Finding.Severity == FindingSeverity.Warning);

    public static FileReport From(LoadedFile file)
    {
        var findings = file.Errors.Select(e => (e, (LoadedDocument?)null))
            .Concat(file.Documents.SelectMany(d => ManifestValidation.Validate(d).Select(f => (f, (LoadedDocument?)d))))
            .OrderBy(f => f.Item1.Position.Line)
            .ThenBy(f => f.Item1.Position.Column)
            .ToImmutableArray();
        var smi = file.Documents.Count(d => d.Content == LoadedContent.Smi);
        var skipped = file.Documents.Count(d => d.Content is LoadedContent.Kubernetes or LoadedContent.Skipped);
        var unreadable = file.Documents.Count(d => d.Content == LoadedContent.Invalid);
        return new FileReport(file.Path, findings, smi, skipped, unreadable);
    }

    /// <summary>The one-line verdict: <c>ok</c> or the error and warning counts, then what the file held.</summary>
    public string Verdict()
    {
        var head = Errors == 0 && Warnings == 0 ? "ok" : $"{Plural(Errors, "error")}, {Plural(Warnings, "warning")}";
        var parts = new List<string>();
        if (SmiObjects > 0 || (Skipped == 0 && Unreadable == 0))
        {
            parts.Add(Plural(SmiObjects, "SMI object"));
        }

        if (Unreadable > 0)
        {
            parts.Add($"{Plural(Unreadable, "document")} not readable");
        }

        if (Skipped > 0)
        {
            parts.Add($"{Plural(Skipped, "document")} skipped as not SMI");
        }

        return $"{head} ({string.Join(", ", parts)})";
    }

    public static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
