using System.Collections.Immutable;
using Smi.ProxyConfig;
using Smi.ProxyConfig.Matching;

namespace Smi.Core.Explain;

/// <summary>A backend of the chosen route.</summary>
/// <param name="Service">Backend service.</param>
/// <param name="Share">Its share of the route's requests (0–1).</param>
/// <param name="Endpoints">Its ready endpoints.</param>
/// <param name="Access">The access decision of each identity behind it (unmeshed endpoints have none).</param>
public sealed record ExplainedBackend(ServiceKey Service, double Share, ImmutableArray<Endpoint> Endpoints, ImmutableArray<(string Identity, AccessVerdict Verdict)> Access);
