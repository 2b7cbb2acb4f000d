using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Explain;

/// <summary>A destination-side policy that applies to the request.</summary>
/// <param name="Identity">The destination identity whose proxy enforces it.</param>
/// <param name="Policy">The policy.</param>
/// <param name="Limits">Its rate limits that count this caller.</param>
public sealed record ExplainedInboundPolicy(string Identity, InboundPolicy Policy, ImmutableArray<RateLimitPolicy> Limits);
