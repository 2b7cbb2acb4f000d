using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;
using Smi.ProxyConfig;
using Smi.ProxyConfig.Matching;
using SmiProxy.Inbound;
using SmiProxy.Policies;
using SmiProxy.Routing;
using SmiProxy.Telemetry;
using Yarp.ReverseProxy.Configuration;

namespace SmiProxy.Configuration;

/// <summary>
/// One validated ProxyConfig document turned into what the request path needs: the outbound
/// routing table, the access rules and served Services of the inbound side, the TrafficPolicy
/// entries, the app ports, and the YARP clusters. Immutable once
/// published; requests read the published instance once and use it to the end.
/// </summary>
internal sealed class CompiledConfig
{
    public required MeshProxyConfig Document { get; init; }

    /// <summary>The content hash being served (the document's, or computed when it had none).</summary>
    public required string Revision { get; init; }

    /// <summary>The file it came from.</summary>
    public required string SourcePath { get; init; }

    public required OutboundRoutingTable Outbound { get; init; }

    /// <summary>Who may call this identity's app (the contract's evaluator, shared with <c>explain</c>).</summary>
    public required AccessRuleSet Access { get; init; }

    public required InboundServices Inbound { get; init; }

    /// <summary>TrafficPolicy entries enforced on the inbound side, by served Service ("name.namespace").</summary>
    public FrozenDictionary<string, InboundPolicyEntry[]> InboundPolicies { get; init; } = FrozenDictionary<string, InboundPolicyEntry[]>.Empty;

    public required FrozenDictionary<int, AppPortEntry> AppPorts { get; init; }

    /// <summary>Trust anchors from the config (<c>tls.trustAnchorsPem</c>), added to <c>ca.crt</c>.</summary>
    public required X509Certificate2Collection ExtraTrustAnchors { get; init; }

    public required LocalLabels Local { get; init; }

    public required IReadOnlyList<ClusterConfig> YarpClusters { get; init; }

    /// <summary>Regexes compiled for this config, reused by the next one.</summary>
    public required RegexCache Regexes { get; init; }

    public required string TrustDomain { get; init; }

    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>When YARP applied it and it started serving (set once, just before publishing).</summary>
    public DateTimeOffset? AppliedAt { get; set; }
}
