using Smi.Api.Model;
using Smi.Api.Versions.Common;
using Access = Smi.Api.Versions.Access;
using Policy = Smi.Api.Versions.Policy;
using Specs = Smi.Api.Versions.Specs;
using Split = Smi.Api.Versions.Split;

namespace Smi.Api.Conversion;

/// <summary>
/// Every SMI group, version and kind this operator serves (spec v0.6.0 and all earlier releases):
/// split v1alpha1–v1alpha4, access v1alpha1–v1alpha3, specs v1alpha1–v1alpha4 (UDPRoute v1alpha4 only),
/// plus our own policy.smi-operator.io v1alpha1 TrafficPolicy.
/// </summary>
public static class SmiApiRegistry
{
    /// <summary>The group of the read-only metrics API (an aggregated API, not CRDs).</summary>
    public const string MetricsGroup = "metrics.smi-spec.io";

    /// <summary>Every served group, version and kind.</summary>
    public static IReadOnlyList<SmiApiVersion> All { get; } =
    [
        Entry<Split.V1Alpha1.TrafficSplit, TrafficSplit>(SmiKinds.SplitGroup, "v1alpha1", SmiKinds.TrafficSplit, TrafficSplitConversion.ToHub, TrafficSplitConversion.ToV1Alpha1),
        Entry<Split.V1Alpha2.TrafficSplit, TrafficSplit>(SmiKinds.SplitGroup, "v1alpha2", SmiKinds.TrafficSplit, TrafficSplitConversion.ToHub, TrafficSplitConversion.ToV1Alpha2),
        Entry<Split.V1Alpha3.TrafficSplit, TrafficSplit>(SmiKinds.SplitGroup, "v1alpha3", SmiKinds.TrafficSplit, TrafficSplitConversion.ToHub, TrafficSplitConversion.ToV1Alpha3),
        Entry<Split.V1Alpha4.TrafficSplit, TrafficSplit>(SmiKinds.SplitGroup, "v1alpha4", SmiKinds.TrafficSplit, TrafficSplitConversion.ToHub, TrafficSplitConversion.ToV1Alpha4),
        Entry<Access.V1Alpha1.TrafficTarget, TrafficTarget>(SmiKinds.AccessGroup, "v1alpha1", SmiKinds.TrafficTarget, TrafficTargetConversion.ToHub, TrafficTargetConversion.ToV1Alpha1),
        Entry<Access.V1Alpha2.TrafficTarget, TrafficTarget>(SmiKinds.AccessGroup, "v1alpha2", SmiKinds.TrafficTarget, TrafficTargetConversion.ToHub, TrafficTargetConversion.ToV1Alpha2),
        Entry<Access.V1Alpha3.TrafficTarget, TrafficTarget>(SmiKinds.AccessGroup, "v1alpha3", SmiKinds.TrafficTarget, TrafficTargetConversion.ToHub, TrafficTargetConversion.ToV1Alpha3),
        Entry<Specs.V1Alpha1.HttpRouteGroup, HttpRouteGroup>(SmiKinds.SpecsGroup, "v1alpha1", SmiKinds.HttpRouteGroup, HttpRouteGroupConversion.ToHub, HttpRouteGroupConversion.ToV1Alpha1),
        Entry<Specs.V1Alpha2.HttpRouteGroup, HttpRouteGroup>(SmiKinds.SpecsGroup, "v1alpha2", SmiKinds.HttpRouteGroup, HttpRouteGroupConversion.ToHub, HttpRouteGroupConversion.ToV1Alpha2),
        Entry<Specs.V1Alpha3.HttpRouteGroup, HttpRouteGroup>(SmiKinds.SpecsGroup, "v1alpha3", SmiKinds.HttpRouteGroup, HttpRouteGroupConversion.ToHub, HttpRouteGroupConversion.ToV1Alpha3),
        Entry<Specs.V1Alpha4.HttpRouteGroup, HttpRouteGroup>(SmiKinds.SpecsGroup, "v1alpha4", SmiKinds.HttpRouteGroup, HttpRouteGroupConversion.ToHub, HttpRouteGroupConversion.ToV1Alpha4),
        Entry<Specs.V1Alpha1.TcpRoute, L4Route>(SmiKinds.SpecsGroup, "v1alpha1", SmiKinds.TcpRoute, L4RouteConversion.ToHub, L4RouteConversion.ToV1Alpha1),
        Entry<Specs.V1Alpha2.TcpRoute, L4Route>(SmiKinds.SpecsGroup, "v1alpha2", SmiKinds.TcpRoute, L4RouteConversion.ToHub, L4RouteConversion.ToV1Alpha2),
        Entry<Specs.V1Alpha3.TcpRoute, L4Route>(SmiKinds.SpecsGroup, "v1alpha3", SmiKinds.TcpRoute, L4RouteConversion.ToHub, L4RouteConversion.ToV1Alpha3),
        Entry<Specs.V1Alpha4.TcpRoute, L4Route>(SmiKinds.SpecsGroup, "v1alpha4", SmiKinds.TcpRoute, L4RouteConversion.ToHub, L4RouteConversion.ToTcpV1Alpha4),
        Entry<Specs.V1Alpha4.UdpRoute, L4Route>(SmiKinds.SpecsGroup, "v1alpha4", SmiKinds.UdpRoute, L4RouteConversion.ToHub, L4RouteConversion.ToUdpV1Alpha4),
        Entry<Policy.V1Alpha1.TrafficPolicy, TrafficPolicy>(SmiKinds.PolicyGroup, "v1alpha1", SmiKinds.TrafficPolicy, TrafficPolicyConversion.ToHub, TrafficPolicyConversion.ToV1Alpha1),
    ];

    /// <summary>The served entry for <paramref name="apiVersion"/> and <paramref name="kind"/>, or null.</summary>
    public static SmiApiVersion? Find(string? apiVersion, string? kind) =>
        All.FirstOrDefault(v => v.ApiVersion == apiVersion && v.Kind == kind);

    /// <summary>
    /// True for the groups this operator reads as mesh objects: SMI's (including metrics, which has no
    /// manifests) and our own extension group (TrafficPolicy).
    /// </summary>
    public static bool IsSmiGroup(string group) =>
        group is SmiKinds.SplitGroup or SmiKinds.AccessGroup or SmiKinds.SpecsGroup or MetricsGroup or SmiKinds.PolicyGroup;

    /// <summary>The versions served for <paramref name="kind"/> (any served kind when null) in <paramref name="group"/>.</summary>
    public static IReadOnlyList<string> ServedVersions(string group, string? kind = null) =>
        [.. All.Where(v => v.Group == group && (kind is null || v.Kind == kind)).Select(v => v.Version).Distinct()];

    /// <summary>The kinds served in <paramref name="group"/>.</summary>
    public static IReadOnlyList<string> ServedKinds(string group) =>
        [.. All.Where(v => v.Group == group).Select(v => v.Kind).Distinct()];

    private static SmiApiVersion Entry<TWire, THub>(string group, string version, string kind, Func<TWire, Result<SmiObject>> toHub, Func<THub, Result<SmiResource>> fromHub)
        where TWire : SmiResource
        where THub : SmiObject =>
        new(
            group,
            version,
            kind,
            typeof(TWire),
            wire => toHub((TWire)wire),
            hub => hub is THub typed ? fromHub(typed) : Result<SmiResource>.Failure($"cannot convert a {hub.Kind} to a {kind}"));
}
