using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Core.Compilation;
using Smi.Core.Diagnostics;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Writes the compiler's conditions to the status subresource of every SMI object — only when a
/// condition's status, reason, message or observed generation differs from what the object
/// carries. <c>lastTransitionTime</c> moves only when a condition's status flips.
/// </summary>
internal sealed partial class StatusWriter(IKubernetes client, ClusterState state, TimeProvider time, ILogger<StatusWriter> logger)
{
    public async Task<int> ApplyAsync(CompileResult result, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var status in result.Statuses)
        {
            var index = IndexOf(status.Object.Kind);
            if (index < 0 || !state.Smi[index].Items.TryGetValue($"{status.Object.Namespace}/{status.Object.Name}", out var current))
            {
                continue;
            }

            var existing = Conditions(current);
            var generation = current.Metadata.Generation ?? status.Object.Generation;
            if (status.Conditions.All(c => existing.TryGetValue(c.Type, out var e) && Same(e, c, generation)))
            {
                continue;
            }

            var now = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var conditions = new JsonArray();
            foreach (var condition in status.Conditions)
            {
                var transition = existing.TryGetValue(condition.Type, out var previous) && previous["status"]?.GetValue<string>() == StatusOf(condition)
                    ? previous["lastTransitionTime"]?.GetValue<string>() ?? now
                    : now;
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

            var patch = new JsonObject { ["status"] = new JsonObject { ["observedGeneration"] = generation, ["conditions"] = conditions } };
            var (group, version, plural, _) = SmiResources.StorageVersions[index];
            try
            {
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), group, version, status.Object.Namespace, plural, status.Object.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                written++;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Deleted since the compile; the next compile will not mention it.
                LogGone(logger, status.Object.ToString());
            }
        }

        return written;
    }

    private static int IndexOf(string kind)
    {
        for (var i = 0; i < SmiResources.StorageVersions.Count; i++)
        {
            if (SmiResources.StorageVersions[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
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

    // metav1.Condition caps messages at 32768 characters.
    private static string Truncate(string message) => message.Length <= 32_000 ? message : message[..32_000] + "…";

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Object} was deleted before its status could be written")]
    private static partial void LogGone(ILogger logger, string @object);
}
