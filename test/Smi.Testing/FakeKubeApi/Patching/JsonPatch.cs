using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;

namespace Smi.Testing.FakeKubeApi.Patching;

/// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>): add, remove, replace, move, copy, test.</summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("json patch must be a JSON array of operations");
        }

        JsonNode document = target.DeepClone();
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || op["op"]?.GetValue<string>() is not { } kind || op["path"]?.GetValue<string>() is not { } path)
            {
                throw ApiException.BadRequest("json patch operation must be an object with \"op\" and \"path\"");
            }

            switch (kind)
            {
                case "add":
                    document = Add(document, path, Value(op));
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    document = Add(document, path, Value(op));
                    break;
                case "move":
                {
                    var from = From(op);
                    var value = Read(document, from);
                    Remove(document, from);
                    document = Add(document, path, value);
                    break;
                }

                case "copy":
                    document = Add(document, path, Read(document, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Read(document, path), op["value"]))
                    {
                        throw Unprocessable($"test operation failed at {path}");
                    }

                    break;
                default:
                    throw ApiException.BadRequest($"unexpected json patch operation \"{kind}\"");
            }
        }

        return document as JsonObject ?? throw Unprocessable("json patch result is not an object");
    }

    private static JsonNode? Value(JsonObject op) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw ApiException.BadRequest("json patch operation is missing \"value\"");

    private static string From(JsonObject op) =>
        op["from"]?.GetValue<string>() ?? throw ApiException.BadRequest("json patch operation is missing \"from\"");

    private static JsonNode Add(JsonNode document, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value ?? throw Unprocessable("cannot replace the document with null");
        }

        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a:
                if (last == "-")
                {
                    a.Add(value);
                }
                else
                {
                    var index = Index(last, a.Count + 1, path);
                    a.Insert(index, value);
                }

                break;
            default:
                throw Unprocessable($"add operation does not apply: doc is missing path: \"{path}\"");
        }

        return document;
    }

    private static void Remove(JsonNode document, string path)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a:
                a.RemoveAt(Index(last, a.Count, path));
                break;
            default:
                throw Unprocessable($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? Read(JsonNode document, string path)
    {
        if (path.Length == 0)
        {
            return document;
        }

        var (parent, last) = Parent(document, path);
        return parent switch
        {
            JsonObject o when o.ContainsKey(last) => o[last],
            JsonArray a => a[Index(last, a.Count, path)],
            _ => throw Unprocessable($"doc is missing path: \"{path}\""),
        };
    }

    private static (JsonNode? Parent, string Last) Parent(JsonNode document, string path)
    {
        if (path[0] != '/')
        {
            throw ApiException.BadRequest($"json patch path must start with '/': \"{path}\"");
        }

        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = document;
        foreach (var token in tokens[..^1])
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a => a[Index(token, a.Count, path)],
                _ => null,
            };
        }

        return (node, tokens[^1]);
    }

    private static int Index(string token, int count, string path) =>
        int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < count
            ? i
            : throw Unprocessable($"index out of range or not a number in path \"{path}\"");

    private static ApiException Unprocessable(string message) => ApiException.Unprocessable(message);
}
