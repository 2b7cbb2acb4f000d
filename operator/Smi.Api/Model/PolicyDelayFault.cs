namespace Smi.Api.Model;

/// <summary>An injected delay.</summary>
/// <param name="Percent">Share of matching requests delayed, 0 &lt; percent &lt;= 100.</param>
/// <param name="FixedDelay">The delay as written (Go duration, e.g. <c>500ms</c>).</param>
public sealed record PolicyDelayFault(double? Percent, string? FixedDelay);
