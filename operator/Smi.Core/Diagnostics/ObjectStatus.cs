using System.Collections.Immutable;

namespace Smi.Core.Diagnostics;

/// <summary>The conditions the compiler derives for one SMI object.</summary>
/// <param name="Object">The object.</param>
/// <param name="Conditions">Accepted and ResolvedRefs, in that order.</param>
public sealed record ObjectStatus(ObjectRef Object, ImmutableArray<Condition> Conditions)
{
    /// <summary>Whether the object is accepted.</summary>
    public bool IsAccepted => Conditions.Any(c => c.Type == ConditionTypes.Accepted && c.Status);
}
