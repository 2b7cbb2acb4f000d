namespace Smi.ProxyConfig;

/// <summary>A header that must be present with a value matching <see cref="ValueRegex"/> (already anchored).</summary>
/// <param name="Name">Header name, lower case.</param>
/// <param name="ValueRegex">Anchored regex for the value.</param>
public sealed record HeaderCondition(string Name, string ValueRegex);
