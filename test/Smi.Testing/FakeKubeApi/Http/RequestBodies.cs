using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Smi.Testing.FakeKubeApi.Yaml;

namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>Request bodies: objects (JSON or YAML), delete options, patches; malformed input is a 400.</summary>
internal static class RequestBodies
{
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var text = await HttpJson.ReadBodyAsync(context);
        var node = MediaTypes.ContentType(context.Request) is "application/yaml" ? ParseYaml(text) : ParseJson(text);
        return node as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");
    }

    /// <summary>DeleteOptions from the body and, as the API server also accepts them, from the query string.</summary>
    public static async Task<JsonObject> ReadDeleteOptionsAsync(HttpContext context)
    {
        var text = await HttpJson.ReadBodyAsync(context);
        var options = (string.IsNullOrWhiteSpace(text) ? null : ParseJson(text) as JsonObject) ?? new JsonObject();
        var query = context.Request.Query;
        if (!string.IsNullOrEmpty(query["propagationPolicy"]))
        {
            options["propagationPolicy"] = query["propagationPolicy"].ToString();
        }

        if (query["orphanDependents"] == "true")
        {
            options["orphanDependents"] = true;
        }

        return options;
    }

    public static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"error decoding the request body as JSON: {ex.Message}");
        }
    }

    public static JsonNode? ParseYaml(string text)
    {
        try
        {
            return YamlToJson.ReadAll(text).FirstOrDefault();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw ApiException.BadRequest($"error decoding YAML: {ex.Message}");
        }
    }
}
