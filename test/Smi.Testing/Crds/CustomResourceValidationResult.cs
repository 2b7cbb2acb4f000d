using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>
/// What the API server would make of a custom resource: the object as it would be stored (pruned),
/// the unknown fields it dropped, and the validation errors that would reject the request.
/// </summary>
/// <param name="Object">The pruned copy of the input (the input is not changed).</param>
/// <param name="PrunedFields">Paths of unknown fields removed, in document order (<c>matches</c>, <c>spec.foo</c>, <c>metadata.bar</c>).</param>
/// <param name="DroppedNulls">Paths of nulls removed from fields that are not nullable.</param>
/// <param name="Errors">Validation errors; empty when the object would be accepted.</param>
public sealed record CustomResourceValidationResult(
    JsonObject Object,
    IReadOnlyList<string> PrunedFields,
    IReadOnlyList<string> DroppedNulls,
    IReadOnlyList<FieldError> Errors)
{
    /// <summary>Whether the API server would accept the object.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The warnings <c>kubectl</c> prints for pruned fields: <c>unknown field "spec.foo"</c>.</summary>
    public IEnumerable<string> Warnings => PrunedFields.Select(p => $"unknown field \"{p}\"");

    /// <summary>
    /// The message of the API server's 422 Invalid status:
    /// <c>TrafficSplit.split.smi-spec.io "web" is invalid: spec.service: Required value</c>, with several
    /// errors in brackets separated by commas.
    /// </summary>
    public string Message(string qualifiedKind, string name) => Errors.Count switch
    {
        0 => string.Empty,
        1 => $"{qualifiedKind} \"{name}\" is invalid: {Errors[0]}",
        _ => $"{qualifiedKind} \"{name}\" is invalid: [{string.Join(", ", Errors)}]",
    };
}
