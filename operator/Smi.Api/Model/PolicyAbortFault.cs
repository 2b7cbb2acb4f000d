namespace Smi.Api.Model;

/// <summary>An injected abort.</summary>
/// <param name="Percent">Share of matching requests aborted, 0 &lt; percent &lt;= 100.</param>
/// <param name="HttpStatus">The status code returned instead, 200..599.</param>
public sealed record PolicyAbortFault(double? Percent, int? HttpStatus);
