namespace Smi.Operator.Control;

/// <summary>
/// The API server refused objects the operator built (422). Everything else in the reconcile was
/// written; throwing makes the reconcile back off and retry instead of reporting success.
/// </summary>
internal sealed class OwnedObjectsRejectedException(IReadOnlyList<string> rejected)
    : Exception($"The API server rejected {rejected.Count} object(s) as invalid: {string.Join(", ", rejected)}")
{
    public IReadOnlyList<string> Rejected { get; } = rejected;
}
