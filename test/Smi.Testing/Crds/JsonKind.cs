namespace Smi.Testing.Crds;

/// <summary>The JSON type of a value, named as OpenAPI names it.</summary>
public enum JsonKind
{
    /// <summary>JSON null.</summary>
    Null,

    /// <summary>A JSON object.</summary>
    Object,

    /// <summary>A JSON array.</summary>
    Array,

    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A number written without fraction or exponent (the API server decodes it as int64).</summary>
    Integer,

    /// <summary>Any other number (the API server decodes it as float64).</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,
}
