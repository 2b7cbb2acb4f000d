namespace Smi.Core.Diagnostics;

/// <summary>Condition types set on every SMI object.</summary>
public static class ConditionTypes
{
    /// <summary>The object is valid and not in conflict: the mesh applies it.</summary>
    public const string Accepted = "Accepted";

    /// <summary>Every object it references exists and can be used.</summary>
    public const string ResolvedRefs = "ResolvedRefs";
}
