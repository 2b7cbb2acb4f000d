using Smi.Api.Model;
using Smi.Core.Diagnostics;

namespace Smi.Core.Compilation;

/// <summary>Where compilation steps report findings: the collector, or a recorder for memoized steps.</summary>
internal interface IDiagnosticSink
{
    /// <summary>Marks the object not accepted and records an error.</summary>
    void Reject(SmiObject obj, string reason, string message);

    /// <summary>Records an unresolved reference (ResolvedRefs becomes False).</summary>
    void Unresolved(SmiObject obj, string reason, string message);

    /// <summary>Records a finding that does not change conditions.</summary>
    void Report(SmiObject obj, Severity severity, string reason, string message);
}
