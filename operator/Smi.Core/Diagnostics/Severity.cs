namespace Smi.Core.Diagnostics;

/// <summary>How serious a diagnostic is. Warnings become Kubernetes Warning Events.</summary>
public enum Severity
{
    /// <summary>Worth knowing (e.g. a zero-weight backend is left out).</summary>
    Info,

    /// <summary>Traffic does not go where the object says (missing backend, port mismatch, ...).</summary>
    Warning,

    /// <summary>The object is not applied at all.</summary>
    Error,
}
