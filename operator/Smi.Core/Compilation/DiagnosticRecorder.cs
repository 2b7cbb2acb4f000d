using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Diagnostics;

namespace Smi.Core.Compilation;

/// <summary>Records findings of a memoized step so that they can be replayed each time its result is reused.</summary>
internal sealed class DiagnosticRecorder : IDiagnosticSink
{
    private readonly List<PendingDiagnostic> _pending = [];

    public void Reject(SmiObject obj, string reason, string message) =>
        _pending.Add(new PendingDiagnostic(PendingKind.Reject, obj, Severity.Error, reason, message));

    public void Unresolved(SmiObject obj, string reason, string message) =>
        _pending.Add(new PendingDiagnostic(PendingKind.Unresolved, obj, Severity.Warning, reason, message));

    public void Report(SmiObject obj, Severity severity, string reason, string message) =>
        _pending.Add(new PendingDiagnostic(PendingKind.Report, obj, severity, reason, message));

    public ImmutableArray<PendingDiagnostic> ToImmutable() => [.. _pending];
}
