namespace Smi.Manifests;

/// <summary>A manifest problem in local mode, located like a compiler error.</summary>
/// <param name="File">File.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Severity">"error" or "warning".</param>
/// <param name="Subject">"Kind namespace/name", or empty for a whole file.</param>
/// <param name="Message">What is wrong (with the field path), and what happens: the last good state keeps being served.</param>
internal sealed record LocalProblem(string File, long Line, long Column, string Severity, string Subject, string Message)
{
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {Severity}: {(Subject.Length > 0 ? Subject + ": " : string.Empty)}{Message}";
}
