using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Smi.Api.Model;
using Smi.Api.Validation;

namespace Smi.Api.Manifests;

/// <summary>
/// One document of a manifest file (or one item of a <c>kind: List</c>) and what it was read as:
/// an SMI hub object, a core Kubernetes object, a skipped kind, or an invalid document with findings
/// that say where and why.
/// </summary>
public sealed record LoadedDocument
{
    /// <summary>The file, as given or found.</summary>
    public required string File { get; init; }

    /// <summary>0-based index of the document in its file.</summary>
    public required int Index { get; init; }

    /// <summary>0-based index in the <c>items</c> of a List document, or null.</summary>
    public int? ItemIndex { get; init; }

    /// <summary>Where the document (or list item) starts.</summary>
    public required SourcePosition Position { get; init; }

    /// <summary><c>apiVersion</c> as written, when it is a string.</summary>
    public string? ApiVersion { get; init; }

    /// <summary><c>kind</c> as written, when it is a string.</summary>
    public string? Kind { get; init; }

    /// <summary><c>metadata.namespace</c>; <c>default</c> when not written (as kubectl does); empty for cluster-scoped kinds.</summary>
    public required string Namespace { get; init; }

    /// <summary><c>metadata.name</c>, when written.</summary>
    public string? Name { get; init; }

    /// <summary>What the document is.</summary>
    public required LoadedContent Content { get; init; }

    /// <summary>The SMI object in hub form, when <see cref="Content"/> is <see cref="LoadedContent.Smi"/>.</summary>
    public SmiObject? Smi { get; init; }

    /// <summary>The KubernetesClient model, when <see cref="Content"/> is <see cref="LoadedContent.Kubernetes"/>.</summary>
    public IKubernetesObject<V1ObjectMeta>? Kubernetes { get; init; }

    /// <summary>Why the document was skipped, when <see cref="Content"/> is <see cref="LoadedContent.Skipped"/>.</summary>
    public string? SkipReason { get; init; }

    /// <summary>Problems found while reading (not the kind's validation rules: see <c>ManifestValidation</c>).</summary>
    public ImmutableArray<ManifestFinding> Findings { get; init; } = [];

    /// <summary>True when reading found an error: the document must not be used.</summary>
    public bool HasErrors => Content == LoadedContent.Invalid || Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>Path of a list item (<c>items[2]</c>) or empty; prefixed to the document's field paths.</summary>
    public string PathPrefix { get; init; } = string.Empty;

    /// <summary>The parsed document, for positions.</summary>
    public required YamlDocument Source { get; init; }

    /// <summary>"Kind namespace/name", the form used in diagnostics.</summary>
    public string DisplayName => $"{Kind ?? "(no kind)"} {(Namespace.Length == 0 ? string.Empty : Namespace + "/")}{Name ?? "(no name)"}";

    /// <summary>The full path in the file of <paramref name="path"/>, a path within this document.</summary>
    public string FullPath(string path) => Join(PathPrefix, path);

    /// <summary>The position of <paramref name="path"/> (a path within this document), or of its nearest written ancestor.</summary>
    public SourcePosition PositionOf(string path)
    {
        var full = FullPath(path);
        return full.Length == 0 ? Position : Source.PositionOf(full);
    }

    internal static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : path.StartsWith('[') ? prefix + path : $"{prefix}.{path}";
}
