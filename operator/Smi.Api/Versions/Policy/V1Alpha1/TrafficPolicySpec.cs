using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary>The spec of a v1alpha1 TrafficPolicy; every field but <c>targetRef</c> is optional.</summary>
public sealed class TrafficPolicySpec
{
    /// <summary>The Service the policy applies to.</summary>
    [JsonPropertyName("targetRef")]
    public PolicyTargetRef? TargetRef { get; set; }

    /// <summary>One Service port; absent means every port.</summary>
    [JsonPropertyName("port")]
    public int? Port { get; set; }

    /// <summary>HTTPRouteGroup matches the policy is narrowed to.</summary>
    [JsonPropertyName("matches")]
    public IList<PolicyRouteMatch?>? Matches { get; set; }

    /// <summary>Request mirroring.</summary>
    [JsonPropertyName("mirror")]
    public PolicyMirror? Mirror { get; set; }

    /// <summary>Rate limits and quotas.</summary>
    [JsonPropertyName("rateLimits")]
    public IList<PolicyRateLimit?>? RateLimits { get; set; }

    /// <summary>Fault injection.</summary>
    [JsonPropertyName("faults")]
    public PolicyFaults? Faults { get; set; }

    /// <summary>Load-balancing policy name.</summary>
    [JsonPropertyName("loadBalancing")]
    public string? LoadBalancing { get; set; }

    /// <summary>Timeouts.</summary>
    [JsonPropertyName("timeouts")]
    public PolicyTimeouts? Timeouts { get; set; }

    /// <summary>Retries.</summary>
    [JsonPropertyName("retries")]
    public PolicyRetries? Retries { get; set; }

    /// <summary>Outlier detection.</summary>
    [JsonPropertyName("outlierDetection")]
    public PolicyOutlierDetection? OutlierDetection { get; set; }

    /// <summary>Access logs for requests to the target.</summary>
    [JsonPropertyName("accessLog")]
    public bool? AccessLog { get; set; }
}
