namespace Smi.Core.Compilation;

/// <summary>What a pending diagnostic does to its object's conditions.</summary>
internal enum PendingKind
{
    /// <summary>ResolvedRefs becomes False.</summary>
    Unresolved,

    /// <summary>Conditions unchanged.</summary>
    Report,

    /// <summary>Accepted becomes False.</summary>
    Reject,
}
