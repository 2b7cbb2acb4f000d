namespace Smi.Operator.Kubernetes;

/// <summary>What became of one write of <see cref="OwnedObjectWriter"/>.</summary>
/// <param name="Kind">Written, gone, rejected, or refused for the object's own fields.</param>
/// <param name="Problem">For a rejected or refused write, the API server's answer.</param>
internal readonly record struct WriteOutcome(WriteOutcomeKind Kind, string? Problem = null)
{
    /// <summary>The API server took the write.</summary>
    public static WriteOutcome Written => new(WriteOutcomeKind.Written);

    /// <summary>The object (or its namespace) is gone, or the write was best effort and skipped: nothing to do.</summary>
    public static WriteOutcome Gone => new(WriteOutcomeKind.Gone);

    /// <summary>The API server refused the object as invalid (422).</summary>
    public static WriteOutcome Rejected(string? problem) => new(WriteOutcomeKind.Rejected, problem);

    /// <summary>The API server refused a status because the object it belongs to fails its schema (422 naming fields outside <c>status</c>).</summary>
    public static WriteOutcome ObjectInvalid(string? problem) => new(WriteOutcomeKind.ObjectInvalid, problem);
}
