namespace Smi.Testing.Crds;

/// <summary>The kinds of field errors the API server reports for custom resources.</summary>
public enum FieldErrorType
{
    /// <summary>A required field is missing: <c>Required value</c>.</summary>
    Required,

    /// <summary>A value breaks a constraint (pattern, bounds, lengths): <c>Invalid value</c>.</summary>
    Invalid,

    /// <summary>A value has the wrong JSON type: also printed <c>Invalid value</c>.</summary>
    TypeInvalid,

    /// <summary>A value outside an enum: <c>Unsupported value</c>.</summary>
    NotSupported,

    /// <summary>A repeated key in a list-type set or map: <c>Duplicate value</c>.</summary>
    Duplicate,

    /// <summary>A string longer than maxLength: <c>Too long</c>.</summary>
    TooLong,

    /// <summary>More items or properties than allowed: <c>Too many</c>.</summary>
    TooMany,
}
