using Smi.Api.Model;
using Smi.Core.Diagnostics;

namespace Smi.Core.Compilation;

/// <summary>
/// A diagnostic raised inside a memoized computation: recorded with the value and replayed into
/// the collector whenever the value is reused, so statuses are complete on every compile.
/// </summary>
internal sealed record PendingDiagnostic(PendingKind Kind, SmiObject Object, Severity Severity, string Reason, string Message)
{
    public void ApplyTo(DiagnosticCollector collector)
    {
        switch (Kind)
        {
            case PendingKind.Unresolved:
                collector.Unresolved(Object, Reason, Message);
                break;
            case PendingKind.Report:
                collector.Report(Object, Severity, Reason, Message);
                break;
            default:
                collector.Reject(Object, Reason, Message);
                break;
        }
    }
}
