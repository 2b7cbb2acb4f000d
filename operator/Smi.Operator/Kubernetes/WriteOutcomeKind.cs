namespace Smi.Operator.Kubernetes;

/// <summary>See <see cref="WriteOutcome"/>.</summary>
internal enum WriteOutcomeKind
{
    /// <summary>Written (or deleted).</summary>
    Written,

    /// <summary>Nothing to do any more.</summary>
    Gone,

    /// <summary>Refused as invalid.</summary>
    Rejected,
}
