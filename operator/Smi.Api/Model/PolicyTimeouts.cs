namespace Smi.Api.Model;

/// <summary>Timeouts as written (Go durations).</summary>
/// <param name="Request">Whole-request timeout (until response headers).</param>
/// <param name="Connect">Connect timeout.</param>
public sealed record PolicyTimeouts(string? Request, string? Connect);
