namespace Smi.Api.Manifests;

/// <summary>A 1-based line and column in a source file.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourcePosition(long Line, long Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
