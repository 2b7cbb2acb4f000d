using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Resources;

namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>
/// Minimal OpenAPI v3 documents, enough for kubectl: the root index of group versions, and per
/// group version the PATCH operation of each resource, tagged with its group/version/kind and the
/// <c>fieldValidation</c> query parameter. kubectl reads that as "the server validates fields" and
/// skips client-side schema validation (which would need full OpenAPI v2 schemas). The PATCH
/// request bodies do not offer strategic merge patch, so kubectl's client-side apply falls back to
/// JSON merge patch for kinds it does not compile in (CRDs, custom resources), as it does against a
/// real server for custom resources.
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Index(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var (group, versions) in registry.Groups())
        {
            foreach (var version in versions)
            {
                var key = GroupVersionPath(group, version);
                var hash = Hash(GroupVersion(registry, group, version)!);
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
            }
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of <paramref name="path"/> (<c>api/v1</c> or <c>apis/{group}/{version}</c>), or null.</summary>
    public static JsonObject? ForPath(ResourceRegistry registry, string path)
    {
        var segments = path.Split('/');
        return segments switch
        {
            ["api", var v] => GroupVersion(registry, string.Empty, v),
            ["apis", var g, var v] => GroupVersion(registry, g, v),
            _ => null,
        };
    }

    private static JsonObject? GroupVersion(ResourceRegistry registry, string group, string version)
    {
        var types = registry.All.Where(t => t.Group == group && t.Served(version) is not null).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        var prefix = "/" + GroupVersionPath(group, version);
        foreach (var type in types)
        {
            var scope = type.Namespaced ? "/namespaces/{namespace}" : string.Empty;
            paths[$"{prefix}{scope}/{type.Plural}/{{name}}"] = new JsonObject { ["patch"] = PatchOperation(type, version) };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "fake" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject PatchOperation(ResourceType type, string version)
    {
        JsonObject Body() => new() { ["schema"] = new JsonObject { ["type"] = "object" } };
        return new JsonObject
        {
            ["operationId"] = $"patch{type.Kind}",
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = version, ["kind"] = type.Kind },
            ["parameters"] = new JsonArray(
                Query("dryRun"),
                Query("fieldManager"),
                Query("fieldValidation"),
                Query("force")),
            ["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject
                {
                    ["application/json-patch+json"] = Body(),
                    ["application/merge-patch+json"] = Body(),
                    ["application/apply-patch+yaml"] = Body(),
                },
                ["required"] = true,
            },
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static string GroupVersionPath(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static string Hash(JsonObject document) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())))[..32];
}
