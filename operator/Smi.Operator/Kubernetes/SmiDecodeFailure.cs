using Smi.Core.Diagnostics;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// An SMI object the operator cannot read into the mesh model (a field of the wrong type, a value
/// conversion rejects — what admission would have refused, had the object gone through it). The
/// object stays out of the compiled mesh; this says so where the user looks: its status, an Event,
/// the log and a metric.
/// </summary>
/// <param name="Object">The object.</param>
/// <param name="Problem">What is wrong, with the field path when known.</param>
internal sealed record SmiDecodeFailure(ObjectRef Object, string Problem)
{
    /// <summary>The reason of the Accepted=False condition and of the Warning Event.</summary>
    public const string Reason = "InvalidObject";

    /// <summary>What the user reads: what is wrong, what the mesh does about it, how to fix it.</summary>
    public string Message =>
        $"The operator cannot read this {Object.Kind}: {Problem}. It is left out of the mesh until it is fixed: "
        + $"correct it (kubectl -n {Object.Namespace} edit {Object.Kind.ToLowerInvariant()} {Object.Name}) or apply a corrected manifest, which the validating webhook checks.";

    /// <summary>The condition the object carries while it cannot be read.</summary>
    public ObjectStatus Status => new(Object, [new Condition(ConditionTypes.Accepted, false, Reason, Message)]);

    /// <summary>The finding that becomes a Warning Event.</summary>
    public Diagnostic Diagnostic => new(Object, Severity.Error, Reason, Message);
}
