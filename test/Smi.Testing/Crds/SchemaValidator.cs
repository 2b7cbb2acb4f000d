using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Smi.Api.Manifests;

namespace Smi.Testing.Crds;

/// <summary>
/// Validates a JSON value against a <see cref="StructuralSchema"/> the way the API server's OpenAPI
/// validator (kube-openapi) does for custom resources, with the same checks in the same order and
/// the same messages, followed by the list-type (set/map) uniqueness checks. It does not prune:
/// run <see cref="SchemaPruner"/> first, as the API server does (or use <see cref="CustomResourceValidator"/>).
/// </summary>
public static partial class SchemaValidator
{
    /// <summary>Every error in <paramref name="value"/>, schema errors first, then list-type errors.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="schema">Its schema.</param>
    /// <param name="path">The value's field path; empty for a resource root.</param>
    public static IReadOnlyList<FieldError> Validate(JsonNode? value, StructuralSchema schema, string path = "")
    {
        var errors = new List<FieldError>();
        var listErrors = new List<FieldError>();
        ValidateNode(value, schema, path, errors, listErrors);
        errors.AddRange(listErrors);
        return errors;
    }

    private static void ValidateNode(JsonNode? value, StructuralSchema schema, string path, List<FieldError> errors, List<FieldError> listErrors)
    {
        var kind = JsonValues.KindOf(value);
        if (kind == JsonKind.Null)
        {
            if (schema.AllowedTypes.Count > 0 && !schema.Nullable)
            {
                errors.Add(TypeError(path, string.Join(",", schema.AllowedTypes), "null"));
            }

            CheckEnum(value, schema, path, errors);
            return;
        }

        // kube-openapi keeps going after a type error: only the checks for the value's actual kind run.
        CheckType(value!, kind, schema, path, errors);

        switch (kind)
        {
            case JsonKind.String:
                CheckString(JsonValues.ToText(value!), schema, path, errors);
                break;
            case JsonKind.Integer or JsonKind.Number:
                CheckNumber(value!, kind, schema, path, errors);
                break;
            case JsonKind.Array:
                CheckArray(value!.AsArray(), schema, path, errors, listErrors);
                break;
        }

        CheckEnum(value, schema, path, errors);
        if (kind == JsonKind.Object)
        {
            CheckObject(value!.AsObject(), schema, path, errors, listErrors);
        }
    }

    // kube-openapi's typeValidator, quirks included (formats of numbers, strings under a format).
    private static void CheckType(JsonNode value, JsonKind kind, StructuralSchema schema, string path, List<FieldError> errors)
    {
        var types = schema.AllowedTypes;
        if (types.Count == 0 && schema.Format is null)
        {
            return;
        }

        var actual = JsonValues.TypeName(kind);
        // A float with an integral value (2.0) is accepted where an integer is expected.
        var isFloatInt = kind == JsonKind.Number && types.Contains("integer") && IsIntegral(JsonValues.ToDouble(value));
        var isIntFloat = kind == JsonKind.Integer && types.Contains("number");
        var dataFormat = kind switch { JsonKind.Integer => "int64", JsonKind.Number => "float64", _ => string.Empty };
        if (kind is not (JsonKind.String or JsonKind.Array) && schema.Format is { } format
            && !(types.Contains(actual) || dataFormat == format || isFloatInt || isIntFloat))
        {
            errors.Add(TypeError(path, format, dataFormat));
            return;
        }

        if (!(types.Contains("number") || types.Contains("integer")) && schema.Format is not null && kind is JsonKind.String or JsonKind.Array)
        {
            return;
        }

        if (!(types.Contains(actual) || isFloatInt || isIntFloat))
        {
            errors.Add(TypeError(path, string.Join(",", types), actual));
        }
    }

    private static void CheckString(string text, StructuralSchema schema, string path, List<FieldError> errors)
    {
        var length = JsonValues.RuneLength(text);
        if (schema.MaxLength is { } max && length > max)
        {
            errors.Add(new FieldError(FieldErrorType.TooLong, path, "<value omitted>", $"may not be more than {max} {(max == 1 ? "byte" : "bytes")}"));
        }

        if (schema.MinLength is { } min && length < min)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, path, text, $"{path} in body should be at least {min} chars long"));
        }

        if (schema.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, path, text, $"{path} in body should match '{schema.PatternText}'"));
        }

        if (schema.Format is "date-time" or "datetime" && !DateTimePattern().IsMatch(text))
        {
            errors.Add(new FieldError(FieldErrorType.TypeInvalid, path, text, $"{path} in body must be of type {schema.Format}: {GoFormat.Quote(text)}"));
        }
    }

    private static void CheckNumber(JsonNode value, JsonKind kind, StructuralSchema schema, string path, List<FieldError> errors)
    {
        var number = JsonValues.ToDouble(value);
        var integer = kind == JsonKind.Integer;
        var bad = JsonValues.ToGoValue(value);
        if (schema.MultipleOf is { } factor && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, path, bad, $"{path} in body should be a multiple of {GoFormat.Float(factor)}"));
        }

        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
        {
            var relation = schema.ExclusiveMaximum ? "less than" : "less than or equal to";
            errors.Add(new FieldError(FieldErrorType.Invalid, path, bad, $"{path} in body should be {relation} {GoFormat.Bound(max, integer)}"));
        }

        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
        {
            var relation = schema.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            errors.Add(new FieldError(FieldErrorType.Invalid, path, bad, $"{path} in body should be {relation} {GoFormat.Bound(min, integer)}"));
        }
    }

    private static void CheckArray(JsonArray array, StructuralSchema schema, string path, List<FieldError> errors, List<FieldError> listErrors)
    {
        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, path, (long)array.Count, $"{path} in body should have at least {min} items"));
        }

        if (schema.MaxItems is { } max && array.Count > max)
        {
            errors.Add(new FieldError(FieldErrorType.TooMany, path, (long)array.Count, $"must have at most {max} {(max == 1 ? "item" : "items")}"));
        }

        if (schema.Items is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                ValidateNode(array[i], items, FieldPath.Index(path, i), errors, listErrors);
            }
        }

        ListTypeChecks.Check(array, schema, path, listErrors);
    }

    private static void CheckObject(JsonObject obj, StructuralSchema schema, string path, List<FieldError> errors, List<FieldError> listErrors)
    {
        if (schema.MinProperties is { } min && obj.Count < min)
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, path, (long)obj.Count, $"{path} in body should have at least {min} properties"));
            return;
        }

        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            errors.Add(new FieldError(FieldErrorType.TooMany, path, (long)obj.Count, $"must have at most {max} {(max == 1 ? "item" : "items")}"));
            return;
        }

        foreach (var (key, child) in obj)
        {
            var childSchema = schema.Properties.GetValueOrDefault(key) ?? schema.AdditionalProperties;
            if (childSchema is not null)
            {
                ValidateNode(child, childSchema, FieldPath.Key(path, key), errors, listErrors);
            }
        }

        foreach (var required in schema.Required)
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add(new FieldError(FieldErrorType.Required, FieldPath.Key(path, required), string.Empty, string.Empty));
            }
        }
    }

    private static void CheckEnum(JsonNode? value, StructuralSchema schema, string path, List<FieldError> errors)
    {
        if (schema.Enum.IsDefaultOrEmpty || schema.Enum.Any(allowed => JsonValues.DeepEquals(allowed, value)))
        {
            return;
        }

        var supported = schema.Enum.Select(v => GoFormat.Quote(JsonValues.KindOf(v) == JsonKind.String ? JsonValues.ToText(v!) : v?.ToJsonString() ?? "null"));
        errors.Add(new FieldError(FieldErrorType.NotSupported, path, JsonValues.ToGoValue(value), "supported values: " + string.Join(", ", supported)));
    }

    private static bool IsIntegral(double number) => Math.Abs(number) < 1e15 && number == Math.Floor(number);

    private static FieldError TypeError(string path, string expected, string actual) =>
        new(FieldErrorType.TypeInvalid, path, actual, $"{path} in body must be of type {expected}: {GoFormat.Quote(actual)}");

    // RFC 3339 date-time, as strfmt's DateTime accepts it (fractional seconds optional, Z or offset).
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):?[0-5]\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
