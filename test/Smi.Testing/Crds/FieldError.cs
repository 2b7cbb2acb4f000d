namespace Smi.Testing.Crds;

/// <summary>
/// One validation error, printed exactly as the API server prints a <c>field.Error</c>:
/// <c>spec.backends[0].weight: Invalid value: "string": spec.backends[0].weight in body must be of type integer: "string"</c>.
/// </summary>
/// <param name="Type">What kind of error.</param>
/// <param name="Field">The field path (<c>spec.backends[0].weight</c>), as <see cref="Smi.Api.Manifests.FieldPath"/> writes it.</param>
/// <param name="BadValue">The offending value (string, long, double, bool, a JSON node, or null).</param>
/// <param name="Detail">The detail after the value, possibly empty.</param>
public sealed record FieldError(FieldErrorType Type, string Field, object? BadValue, string Detail)
{
    /// <summary>The message without the field path.</summary>
    public string Body
    {
        get
        {
            var body = Type switch
            {
                FieldErrorType.Required => "Required value",
                FieldErrorType.TooLong => "Too long",
                FieldErrorType.Invalid or FieldErrorType.TypeInvalid => "Invalid value: " + GoFormat.Value(BadValue),
                FieldErrorType.NotSupported => "Unsupported value: " + GoFormat.Value(BadValue),
                FieldErrorType.Duplicate => "Duplicate value: " + GoFormat.Value(BadValue),
                FieldErrorType.TooMany => "Too many: " + GoFormat.Value(BadValue),
                _ => throw new InvalidOperationException($"unknown error type {Type}"),
            };
            return Detail.Length == 0 ? body : $"{body}: {Detail}";
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Body}";
}
