using Smi.Api.Conversion;
using Smi.Api.Manifests;
using Smi.Api.Model;

namespace Smi.Api.Validation;

/// <summary>
/// Field paths as the user wrote them for each version: the hub is version-independent, but a
/// message about a v1alpha1 TrafficTarget must say <c>specs[0]</c>, about a v1alpha3 one
/// <c>spec.rules[0]</c>.
/// </summary>
public static class SmiPaths
{
    /// <summary>Where an HTTPRouteGroup's matches are: top level in v1alpha1/v1alpha2, under spec later.</summary>
    public static string HttpMatches(string apiVersion) => IsVersion(apiVersion, "v1alpha1", "v1alpha2") ? "matches" : "spec.matches";

    /// <summary>The path of one header filter, in the form it was written.</summary>
    public static string Header(string matchPath, HeadersForm form, int index, string name) => form == HeadersForm.List
        ? FieldPath.Key(FieldPath.Index($"{matchPath}.headers", index), name)
        : FieldPath.Key($"{matchPath}.headers", name);

    /// <summary>Prefix of a TrafficTarget's fields: none in v1alpha1, <c>spec.</c> later.</summary>
    public static string TargetPrefix(string apiVersion) => IsVersion(apiVersion, "v1alpha1") ? string.Empty : "spec.";

    /// <summary>A TrafficTarget's rules: <c>specs</c> in v1alpha1, <c>spec.rules</c> later.</summary>
    public static string TargetRules(string apiVersion) => IsVersion(apiVersion, "v1alpha1") ? "specs" : "spec.rules";

    /// <summary>
    /// A TrafficTarget's destination port: a field in v1alpha1/v1alpha2, the conversion annotation in
    /// v1alpha3 (which has no port field).
    /// </summary>
    public static string TargetDestinationPort(string apiVersion) => IsVersion(apiVersion, "v1alpha1", "v1alpha2")
        ? $"{TargetPrefix(apiVersion)}destination.port"
        : FieldPath.Key("metadata.annotations", ConversionAnnotations.DestinationPort);

    private static bool IsVersion(string apiVersion, params string[] versions) =>
        versions.Any(v => apiVersion.EndsWith("/" + v, StringComparison.Ordinal));
}
