using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi;

/// <summary>
/// The outcome of a <see cref="CustomResourceValidator"/>: either the object to store (pruned and
/// defaulted as the validator sees fit) or field errors, which the server answers with
/// <c>422 Invalid</c> and one <c>details.causes</c> entry per error, as the real API server does.
/// </summary>
public sealed record CustomResourceValidationResult(JsonObject? Object, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static CustomResourceValidationResult Valid(JsonObject obj) => new(obj, []);

    public static CustomResourceValidationResult Invalid(params FieldError[] errors) => new(null, errors);
}
