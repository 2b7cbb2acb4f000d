using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>
/// A TrafficPolicy (policy.smi-operator.io v1alpha1, our own extension beyond SMI): mirroring, rate
/// limits, fault injection, load balancing, timeouts, retries, outlier detection and access logs
/// for requests to one Service, optionally narrowed to a port and HTTPRouteGroup matches. Every
/// field is optional and kept as written (durations as text) so that validation can point at it.
/// </summary>
public sealed record TrafficPolicy : SmiObject
{
    /// <inheritdoc />
    public override string Kind => SmiKinds.TrafficPolicy;

    /// <summary><c>spec.targetRef</c>: the Service the policy applies to, in the policy's namespace.</summary>
    public PolicyTargetRef? TargetRef { get; init; }

    /// <summary><c>spec.port</c>: one Service port; null means every port.</summary>
    public int? Port { get; init; }

    /// <summary><c>spec.matches</c>: HTTPRouteGroup matches the policy is narrowed to; empty means every request.</summary>
    public ImmutableArray<PolicyRouteMatch> Matches { get; init; } = [];

    /// <summary><c>spec.mirror</c>: copy a share of requests to another Service (caller side).</summary>
    public PolicyMirror? Mirror { get; init; }

    /// <summary><c>spec.rateLimits</c>: token buckets enforced by the destination's inbound proxy.</summary>
    public ImmutableArray<PolicyRateLimit> RateLimits { get; init; } = [];

    /// <summary><c>spec.faults</c>: injected delays and aborts (caller side).</summary>
    public PolicyFaults? Faults { get; init; }

    /// <summary><c>spec.loadBalancing</c>: policy across the target Service's endpoints.</summary>
    public string? LoadBalancing { get; init; }

    /// <summary><c>spec.timeouts</c>.</summary>
    public PolicyTimeouts? Timeouts { get; init; }

    /// <summary><c>spec.retries</c>.</summary>
    public PolicyRetries? Retries { get; init; }

    /// <summary><c>spec.outlierDetection</c>: passive health of the target Service's endpoints.</summary>
    public PolicyOutlierDetection? OutlierDetection { get; init; }

    /// <summary><c>spec.accessLog</c>: log every request to the target, on both sides.</summary>
    public bool? AccessLog { get; init; }
}
