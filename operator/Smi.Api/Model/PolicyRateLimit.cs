using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>A token-bucket rate limit (or quota, with a long period) enforced at the destination.</summary>
/// <param name="Requests">Tokens added per period.</param>
/// <param name="Period">The period as written (Go duration, e.g. <c>1s</c>, <c>1m</c>).</param>
/// <param name="Burst">Bucket size; null means <paramref name="Requests"/>.</param>
/// <param name="PerSource">One bucket per caller identity (null means true) or one shared bucket.</param>
/// <param name="Sources">Callers the limit applies to; empty means every caller.</param>
public sealed record PolicyRateLimit(int? Requests, string? Period, int? Burst, bool? PerSource, ImmutableArray<IdentityReference> Sources);
