using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Core.Diagnostics;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// The status subresource of SMI objects: the conditions the operator wants there, written only
/// when a condition's status, reason, message or observed generation differs from what the object
/// carries. <c>lastTransitionTime</c> moves only when a condition's status flips.
/// </summary>
internal static class SmiStatuses
{
    /// <summary>metav1.Condition (and the CRDs' status schema) caps messages at 32768 characters; this is bytes of UTF-8, so it holds for any text.</summary>
    private const int MaxMessage = 32_000;

    /// <summary>What to apply to <paramref name="current"/> for <paramref name="desired"/>, or null when it already carries it.</summary>
    public static StatusApply? Desired(ObjectStatus desired, UnstructuredObject current, (string Group, string Version, string Plural, string Kind) resource, DateTimeOffset now)
    {
        var existing = Conditions(current);
        var generation = current.Metadata.Generation ?? desired.Object.Generation;
        if (desired.Conditions.All(c => existing.TryGetValue(c.Type, out var e) && Same(e, c, generation)))
        {
            return null;
        }

        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var conditions = new JsonArray();
        foreach (var condition in desired.Conditions)
        {
            var transition = existing.TryGetValue(condition.Type, out var previous) && previous["status"]?.GetValue<string>() == StatusOf(condition)
                ? previous["lastTransitionTime"]?.GetValue<string>() ?? timestamp
                : timestamp;
            conditions.Add(new JsonObject
            {
                ["type"] = condition.Type,
                ["status"] = StatusOf(condition),
                ["observedGeneration"] = generation,
                ["lastTransitionTime"] = transition,
                ["reason"] = condition.Reason,
                ["message"] = Truncate(condition.Message),
            });
        }

        var body = new JsonObject
        {
            ["apiVersion"] = $"{resource.Group}/{resource.Version}",
            ["kind"] = resource.Kind,
            ["metadata"] = new JsonObject { ["name"] = desired.Object.Name, ["namespace"] = desired.Object.Namespace },
            ["status"] = new JsonObject { ["observedGeneration"] = generation, ["conditions"] = conditions },
        };
        return new StatusApply(desired.Object, resource.Group, resource.Version, resource.Plural, body, current.Metadata.ResourceVersion);
    }

    private static Dictionary<string, JsonObject> Conditions(UnstructuredObject current)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (current.Fields.TryGetValue("status", out var status)
            && status.ValueKind == JsonValueKind.Object
            && status.TryGetProperty("conditions", out var conditions)
            && conditions.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in conditions.EnumerateArray())
            {
                if (JsonNode.Parse(condition.GetRawText()) is JsonObject obj && obj["type"]?.GetValue<string>() is { } type)
                {
                    result[type] = obj;
                }
            }
        }

        return result;
    }

    private static bool Same(JsonObject existing, Condition desired, long generation) =>
        existing["status"]?.GetValue<string>() == StatusOf(desired)
        && existing["reason"]?.GetValue<string>() == desired.Reason
        && existing["message"]?.GetValue<string>() == Truncate(desired.Message)
        && existing["observedGeneration"]?.GetValue<long>() == generation;

    private static string StatusOf(Condition condition) => condition.Status ? "True" : "False";

    private static string Truncate(string message) => KubernetesNames.Message(message, MaxMessage);
}
