using System.Text.Json.Nodes;

namespace Smi.Operator.Webhooks.Injection;

/// <summary>A JSON Patch for the pod, or why the pod is left as it is.</summary>
internal sealed record InjectionResult(JsonArray? Patch, string? SkipReason)
{
    public static InjectionResult Patched(JsonArray patch) => new(patch, null);

    public static InjectionResult Skip(string reason) => new(null, reason);

    /// <summary>Shown to the user by kubectl (admission warnings), e.g. an annotation that was ignored.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
