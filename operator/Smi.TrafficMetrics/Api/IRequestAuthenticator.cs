using Microsoft.AspNetCore.Http;

namespace Smi.TrafficMetrics.Api;

/// <summary>Decides whether a TrafficMetrics request may be answered; the sandbox has none (loopback only).</summary>
internal interface IRequestAuthenticator
{
    /// <summary>Null to answer the request, otherwise the reason it is refused (401).</summary>
    Task<string?> RejectAsync(HttpContext context);
}
