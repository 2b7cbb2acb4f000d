namespace Smi.Api.Validation;

/// <summary>One problem found in an object.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Path">The field path as the user wrote it for the object's version (<c>spec.rules[0].kind</c>); empty for the whole object.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record ValidationFinding(FindingSeverity Severity, string Path, string Message)
{
    /// <summary>An error.</summary>
    public static ValidationFinding Error(string path, string message) => new(FindingSeverity.Error, path, message);

    /// <summary>A warning.</summary>
    public static ValidationFinding Warning(string path, string message) => new(FindingSeverity.Warning, path, message);
}
