using Smi.Install.Tests.Support;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Crds;

/// <summary>Inline SMI manifests and shortcuts for validating them against the CRDs in crds/.</summary>
internal static class SmiInputs
{
    public static CustomResourceValidationResult Validate(string kind, string version, string yaml) =>
        RepoCrds.Version(kind, version).Validate(Manifests.Object(yaml));

    public static IReadOnlyList<string> Messages(CustomResourceValidationResult result) => [.. result.Errors.Select(e => e.ToString())];

    public static string Split(string apiVersion, string weight) => $$"""
        apiVersion: {{apiVersion}}
        kind: TrafficSplit
        metadata: {name: s}
        spec:
          service: web
          backends:
          - {service: web-v1, weight: {{weight}}}
        """;

    public static string Target(string version, string rules, string? port = null) => $$"""
        apiVersion: access.smi-spec.io/{{version}}
        kind: TrafficTarget
        spec:
          destination: {kind: ServiceAccount, name: api, namespace: default{{(port is null ? string.Empty : $", port: {port}")}}}
          rules:
          {{rules}}
          sources:
          - {kind: ServiceAccount, name: web}
        """;

    public static string RouteGroup(string version, string matches) => version is "v1alpha1" or "v1alpha2"
        ? $"apiVersion: specs.smi-spec.io/{version}\nkind: HTTPRouteGroup\nmatches:\n{matches}"
        : $"apiVersion: specs.smi-spec.io/{version}\nkind: HTTPRouteGroup\nspec:\n  matches:\n  {matches}";
}
