using System.Collections.Frozen;
using Smi.ProxyConfig;
using Smi.ProxyConfig.Matching;
using SmiProxy.Matching;

namespace SmiProxy.Policies;

/// <summary>A compiled <see cref="InboundPolicy"/> of one served Service.</summary>
/// <param name="Origins">The TrafficPolicy objects, comma separated.</param>
/// <param name="TargetPorts">Container ports the policy's Service port maps to; null means every port.</param>
/// <param name="Matches">Requests it applies to; empty means every request.</param>
/// <param name="RateLimits">Limits to pass.</param>
/// <param name="AccessLog">Access-log switch for these requests, if set.</param>
internal sealed record InboundPolicyEntry(string Origins, FrozenSet<int>? TargetPorts, HttpMatchSet Matches, RateLimitPolicy[] RateLimits, bool? AccessLog)
{
    public bool Applies(int targetPort, HttpRequest request) =>
        (TargetPorts is null || TargetPorts.Contains(targetPort)) && Matches.Accepts(request);
}
