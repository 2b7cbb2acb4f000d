using System.Text.Json.Nodes;
using Smi.Api.Conversion;
using Smi.Api.Model;
using Smi.Api.Validation;

namespace Smi.Api.Manifests;

/// <summary>
/// Checks that need the document as written, before pruning and conversion hide the mistake: an
/// HTTPRouteGroup whose <c>matches</c> sits at the wrong level for its version (the published A/B
/// test example), and the unreleased IdentityBinding draft's exclusive schemes.
/// </summary>
internal static class SmiDocumentChecks
{
    public static IEnumerable<ValidationFinding> HttpRouteGroupLayout(JsonObject root, string apiVersion)
    {
        var topLevel = root["matches"];
        var underSpec = root["spec"] is JsonObject spec ? spec["matches"] : null;
        var version = apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
        if (SmiPaths.HttpMatches(apiVersion) == "spec.matches")
        {
            if (topLevel is not null && underSpec is null)
            {
                yield return ValidationFinding.Error(
                    "matches",
                    $"matches is at the top level, but in {apiVersion} it belongs under spec: the v1 CRD prunes unknown top-level fields, which leaves an HTTPRouteGroup with no matches; move matches under spec:");
            }
            else if (topLevel is not null)
            {
                yield return ValidationFinding.Warning("matches", $"top-level matches is ignored in {apiVersion} (the CRD prunes it); only spec.matches counts, so remove it");
            }
        }
        else if (underSpec is not null && topLevel is null)
        {
            yield return ValidationFinding.Error(
                "spec.matches",
                $"matches is under spec, but in {apiVersion} it belongs at the top level (spec: only exists from {SmiKinds.SpecsGroup}/v1alpha3); move it to the top level or use apiVersion {SmiKinds.SpecsGroup}/v1alpha4");
        }
        else if (version is "v1alpha1" or "v1alpha2" && root["spec"] is not null)
        {
            yield return ValidationFinding.Warning("spec", $"{apiVersion} HTTPRouteGroup has no spec (matches sit at the top level); the CRD prunes it");
        }
    }

    /// <summary>
    /// v1alpha3 removed <c>destination.port</c>; written anyway (the conformance suite does), the CRD
    /// prunes it and the target silently allows every port.
    /// </summary>
    public static IEnumerable<ValidationFinding> TrafficTargetPort(JsonObject root, string apiVersion)
    {
        if (apiVersion == $"{SmiKinds.AccessGroup}/v1alpha3"
            && root["spec"] is JsonObject spec && spec["destination"] is JsonObject destination && destination.ContainsKey("port"))
        {
            yield return ValidationFinding.Warning(
                "spec.destination.port",
                $"{apiVersion} has no destination.port: the CRD prunes it, so this target allows every port; restrict ports with a TCPRoute rule, or use {SmiKinds.AccessGroup}/v1alpha2");
        }
    }

    /// <summary>access.smi-spec.io/v1alpha4 IdentityBinding is not served, but its draft's own rule still deserves a precise message.</summary>
    public static IEnumerable<ValidationFinding> IdentityBindingDraft(JsonObject root)
    {
        var schemes = root["spec"] is JsonObject spec ? spec["schemes"] : null;
        var list = schemes switch
        {
            JsonObject one => [("spec.schemes", one)],
            JsonArray many => many.Select((s, i) => ($"spec.schemes[{i}]", s as JsonObject)).Where(s => s.Item2 is not null).Select(s => (s.Item1, s.Item2!)).ToList(),
            _ => new List<(string, JsonObject)>(),
        };
        foreach (var (path, scheme) in list)
        {
            if (scheme["podLabelSelector"] is not null && scheme["serviceAccount"] is not null)
            {
                yield return ValidationFinding.Error(
                    $"{path}.serviceAccount",
                    "podLabelSelector and serviceAccount are mutually exclusive in an IdentityBinding scheme; keep one of them");
            }
        }
    }

    public static bool IsIdentityBindingDraft(string apiVersion, string kind) =>
        apiVersion == $"{SmiKinds.AccessGroup}/v1alpha4" && kind == "IdentityBinding";

    public static bool IsMetrics(string apiVersion) =>
        apiVersion.StartsWith(SmiApiRegistry.MetricsGroup + "/", StringComparison.Ordinal);
}
