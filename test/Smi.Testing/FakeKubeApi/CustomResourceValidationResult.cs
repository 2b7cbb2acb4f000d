using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi;

/// <summary>
/// The outcome of a <see cref="CustomResourceValidator"/>: either the object to store (pruned and
/// defaulted as the validator sees fit) or field errors, which the server answers with
/// <c>422 Invalid</c> and one <c>details.causes</c> entry per error, as the real API server does.
/// <see cref="UnknownFields"/> lists fields the schema does not declare (paths like <c>spec.foo</c>),
/// already pruned from <see cref="Object"/>: with <c>fieldValidation=Strict</c> (kubectl's default)
/// the server rejects the request with 400 "strict decoding error", with Warn it answers with a
/// warning per field, with Ignore it drops them silently — the real server's behaviour.
/// </summary>
public sealed record CustomResourceValidationResult(JsonObject? Object, IReadOnlyList<FieldError> Errors, IReadOnlyList<string>? UnknownFields = null)
{
    public bool IsValid => Errors.Count == 0;

    public static CustomResourceValidationResult Valid(JsonObject obj, IReadOnlyList<string>? unknownFields = null) => new(obj, [], unknownFields);

    public static CustomResourceValidationResult Invalid(params FieldError[] errors) => new(null, errors);
}
