using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Diagnostics;

namespace Smi.Core.Compilation;

/// <summary>
/// Collects, per SMI object, whether it is accepted, whether its references resolved, and the
/// diagnostics raised while compiling; then produces the statuses in a deterministic order.
/// </summary>
internal sealed class DiagnosticCollector : IDiagnosticSink
{
    private readonly Dictionary<ObjectRef, Entry> _entries = [];
    private readonly List<Diagnostic> _diagnostics = [];

    public static ObjectRef RefOf(SmiObject obj) =>
        new(obj.Kind, obj.Metadata.Namespace, obj.Metadata.Name, obj.Metadata.Generation);

    /// <summary>Registers an object so that it gets a status even if nothing is said about it.</summary>
    public void Track(SmiObject obj) => _entries.TryAdd(RefOf(obj), new Entry());

    /// <summary>Marks the object not accepted (the first reason given wins) and records an error.</summary>
    public void Reject(SmiObject obj, string reason, string message)
    {
        var entry = EntryOf(obj);
        entry.Rejection ??= (reason, message);
        Report(obj, Severity.Error, reason, message);
    }

    /// <summary>Records an unresolved reference (ResolvedRefs becomes False) with a warning.</summary>
    public void Unresolved(SmiObject obj, string reason, string message)
    {
        var entry = EntryOf(obj);
        entry.Unresolved.Add((reason, message));
        Report(obj, Severity.Warning, reason, message);
    }

    /// <summary>Records a diagnostic that does not change conditions.</summary>
    public void Report(SmiObject obj, Severity severity, string reason, string message)
    {
        EntryOf(obj);
        _diagnostics.Add(new Diagnostic(RefOf(obj), severity, reason, message));
    }

    public bool IsRejected(SmiObject obj) => EntryOf(obj).Rejection is not null;

    /// <summary>Replays findings recorded by a memoized step.</summary>
    public void Apply(IEnumerable<PendingDiagnostic> pending)
    {
        foreach (var diagnostic in pending)
        {
            diagnostic.ApplyTo(this);
        }
    }

    public (ImmutableArray<ObjectStatus> Statuses, ImmutableArray<Diagnostic> Diagnostics) Build()
    {
        var statuses = _entries
            .OrderBy(e => e.Key)
            .Select(e => new ObjectStatus(e.Key, [Accepted(e.Value), Resolved(e.Value)]))
            .ToImmutableArray();
        var diagnostics = _diagnostics
            .Distinct()
            .OrderBy(d => d.Object)
            .ThenBy(d => d.Severity)
            .ThenBy(d => d.Reason, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToImmutableArray();
        return (statuses, diagnostics);
    }

    private static Condition Accepted(Entry entry) => entry.Rejection is { } rejection
        ? new Condition(ConditionTypes.Accepted, false, rejection.Reason, rejection.Message)
        : new Condition(ConditionTypes.Accepted, true, Reasons.Accepted, "The mesh applies this object.");

    private static Condition Resolved(Entry entry)
    {
        if (entry.Unresolved.Count == 0)
        {
            return new Condition(ConditionTypes.ResolvedRefs, true, Reasons.ResolvedRefs, "All references resolved.");
        }

        var distinct = entry.Unresolved.Distinct().OrderBy(u => u.Reason, StringComparer.Ordinal).ThenBy(u => u.Message, StringComparer.Ordinal).ToList();
        return new Condition(ConditionTypes.ResolvedRefs, false, distinct[0].Reason, string.Join(" ", distinct.Select(u => u.Message)));
    }

    private Entry EntryOf(SmiObject obj)
    {
        var key = RefOf(obj);
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry();
            _entries[key] = entry;
        }

        return entry;
    }

    private sealed class Entry
    {
        public (string Reason, string Message)? Rejection { get; set; }

        public List<(string Reason, string Message)> Unresolved { get; } = [];
    }
}
