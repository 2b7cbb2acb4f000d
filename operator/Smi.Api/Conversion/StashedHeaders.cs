using Smi.Api.Versions.Common;

namespace Smi.Api.Conversion;

/// <summary>One match's headers, stashed when an HTTPRouteGroup is written to v1alpha1 (which has none).</summary>
/// <param name="Match">The match's name.</param>
/// <param name="Headers">Its headers, in the form they were written.</param>
/// <param name="Index">The match's position, which tells apart matches that share a name.</param>
internal sealed record StashedHeaders(string Match, HeaderFilters Headers, int? Index = null);
