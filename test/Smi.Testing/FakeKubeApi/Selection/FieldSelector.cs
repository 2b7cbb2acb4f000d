using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;

namespace Smi.Testing.FakeKubeApi.Selection;

/// <summary>
/// The <c>fieldSelector</c> query: <c>path=value</c>, <c>path==value</c>, <c>path!=value</c>, comma = AND.
/// Like the real server, only the fields a resource supports are accepted (metadata.name and
/// metadata.namespace everywhere, plus a few per kind); anything else is a 400.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly Dictionary<string, string[]> _extraFields = new(StringComparer.Ordinal)
    {
        ["pods"] = ["spec.nodeName", "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.podIP", "spec.restartPolicy"],
        ["secrets"] = ["type"],
        ["events"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        ["events.events.k8s.io"] = ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "reportingController", "type"],
        ["namespaces"] = ["status.phase"],
        ["replicasets"] = ["status.replicas"],
    };

    private readonly List<(string Path, string Value, bool Negate)> _terms = [];

    public static FieldSelector Parse(string? text, string typeKey)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = negate ? term.Split("!=", 2) : term.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw ApiException.BadRequest($"invalid field selector: '{text}'");
            }

            var path = parts[0].Trim();
            var supported = path is "metadata.name" or "metadata.namespace"
                || (_extraFields.TryGetValue(typeKey, out var extra) && extra.Contains(path));
            if (!supported)
            {
                throw ApiException.BadRequest($"\"{path}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
            }

            selector._terms.Add((path, parts[1].Trim(), negate));
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, value, negate) in _terms)
        {
            JsonNode? node = obj;
            foreach (var segment in path.Split('.'))
            {
                node = node is JsonObject o ? o[segment] : null;
            }

            var actual = node switch
            {
                null => string.Empty,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => node.ToJsonString(),
            };
            if ((actual == value) == negate)
            {
                return false;
            }
        }

        return true;
    }
}
