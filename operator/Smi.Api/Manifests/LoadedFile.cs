using System.Collections.Immutable;

namespace Smi.Api.Manifests;

/// <summary>A manifest file and its documents.</summary>
/// <param name="Path">The file.</param>
/// <param name="Documents">Its documents, empty ones left out.</param>
/// <param name="Errors">Errors about the file as a whole: unreadable, or not well-formed YAML/JSON (then <paramref name="Documents"/> is empty).</param>
public sealed record LoadedFile(string Path, ImmutableArray<LoadedDocument> Documents, ImmutableArray<ManifestFinding> Errors);
