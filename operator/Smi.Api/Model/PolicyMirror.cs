namespace Smi.Api.Model;

/// <summary>Request mirroring: fire-and-forget copies of a share of requests.</summary>
/// <param name="Service">The mirror Service, in the policy's namespace.</param>
/// <param name="Port">The mirror's port; null means the request's port.</param>
/// <param name="Percent">Share of matching requests copied, 0 &lt; percent &lt;= 100.</param>
/// <param name="MaxConcurrent">In-flight mirror requests per proxy; null means the default (32).</param>
public sealed record PolicyMirror(string Service, int? Port, double? Percent, int? MaxConcurrent);
