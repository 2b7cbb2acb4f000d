namespace Smi.Operator.Kubernetes;

/// <summary>See <see cref="WriteOutcome"/>.</summary>
internal enum WriteOutcomeKind
{
    /// <summary>Written (or deleted).</summary>
    Written,

    /// <summary>Nothing to do any more.</summary>
    Gone,

    /// <summary>Refused as invalid: what the operator built is wrong.</summary>
    Rejected,

    /// <summary>A status refused because the object it belongs to is invalid: nothing the operator can fix.</summary>
    ObjectInvalid,
}
