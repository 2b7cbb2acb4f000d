using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Selection;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Webhooks;

/// <summary>
/// Whether a webhook of a (Mutating|Validating)WebhookConfiguration applies to a request: its
/// rules (operations, apiGroups, apiVersions, resources with the <c>*</c>, <c>*/*</c>, <c>pods/*</c>
/// forms, scope), namespaceSelector and objectSelector, as the API server matches them.
/// <c>matchConditions</c> (CEL) cannot be evaluated here and are ignored.
/// </summary>
internal static class WebhookMatcher
{
    public static bool Matches(JsonObject webhook, AdmissionRequestInfo request, JsonObject? namespaceObject)
    {
        var rules = (webhook["rules"] as JsonArray)?.OfType<JsonObject>() ?? [];
        return rules.Any(r => RuleMatches(r, request))
            && NamespaceMatches(webhook["namespaceSelector"] as JsonObject, request, namespaceObject)
            && ObjectMatches(webhook["objectSelector"] as JsonObject, request);
    }

    private static bool RuleMatches(JsonObject rule, AdmissionRequestInfo request)
    {
        var resource = request.Subresource is null ? request.Type.Plural : $"{request.Type.Plural}/{request.Subresource}";
        var scope = Meta.Str(rule["scope"]) ?? "*";
        return Contains(rule["operations"], request.Operation)
            && Contains(rule["apiGroups"], request.Type.Group)
            && Contains(rule["apiVersions"], request.Version)
            && Strings(rule["resources"]).Any(pattern => ResourceMatches(pattern, resource))
            && (scope == "*" || (scope == "Namespaced") == request.Type.Namespaced);
    }

    private static bool ResourceMatches(string pattern, string resource)
    {
        if (pattern == "*/*")
        {
            return true;
        }

        var (patternResource, patternSub) = Split(pattern);
        var (actualResource, actualSub) = Split(resource);
        return (patternResource == "*" || patternResource == actualResource)
            && (patternSub == "*" ? actualSub is not null : patternSub == actualSub);
    }

    private static bool NamespaceMatches(JsonObject? selector, AdmissionRequestInfo request, JsonObject? namespaceObject)
    {
        if (selector is null || selector.Count == 0)
        {
            return true;
        }

        if (request.Type.Key == "namespaces")
        {
            return Selector(selector).Matches(request.Object ?? request.OldObject!);
        }

        // Other cluster-scoped objects are never skipped by a namespaceSelector.
        return !request.Type.Namespaced || (namespaceObject is not null && Selector(selector).Matches(namespaceObject));
    }

    private static bool ObjectMatches(JsonObject? selector, AdmissionRequestInfo request)
    {
        if (selector is null || selector.Count == 0)
        {
            return true;
        }

        var parsed = Selector(selector);
        return (request.Object is not null && parsed.Matches(request.Object)) || (request.OldObject is not null && parsed.Matches(request.OldObject));
    }

    /// <summary>A metav1.LabelSelector (matchLabels + matchExpressions) as a selector string.</summary>
    public static LabelSelector Selector(JsonObject selector)
    {
        var terms = new List<string>();
        foreach (var (key, value) in (selector["matchLabels"] as JsonObject) ?? [])
        {
            terms.Add($"{key}={Meta.Str(value)}");
        }

        foreach (var expression in (selector["matchExpressions"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var key = Meta.Str(expression["key"]);
            var values = string.Join(",", Strings(expression["values"]));
            terms.Add(Meta.Str(expression["operator"]) switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key!,
                "DoesNotExist" => $"!{key}",
                var other => throw Http.ApiException.BadRequest($"unsupported label selector operator {other}"),
            });
        }

        return LabelSelector.Parse(string.Join(",", terms));
    }

    private static bool Contains(JsonNode? list, string value) => Strings(list).Any(v => v == "*" || v == value);

    private static IEnumerable<string> Strings(JsonNode? list) => (list as JsonArray)?.Select(Meta.Str).OfType<string>() ?? [];

    private static (string Resource, string? Sub) Split(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (text, null) : (text[..slash], text[(slash + 1)..]);
    }
}
