namespace Smi.Api.Model;

/// <summary>A header condition: the header (case-insensitive name) must exist and its value fully match the regex.</summary>
/// <param name="Name">Header name as written.</param>
/// <param name="ValueRegex">Regex the whole header value must match.</param>
public sealed record HeaderMatch(string Name, string ValueRegex);
