using Smi.Api.Validation;

namespace Smi.Api.Manifests;

/// <summary>A problem in a manifest, located in its file.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Path">Field path as written in the document (<c>spec.backends[0].weight</c>); empty for the whole document.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
/// <param name="Position">Line and column of the field, or of its nearest written ancestor.</param>
public sealed record ManifestFinding(FindingSeverity Severity, string Path, string Message, SourcePosition Position);
