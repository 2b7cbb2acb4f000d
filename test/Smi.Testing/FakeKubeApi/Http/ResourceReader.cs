using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Smi.Testing.FakeKubeApi.Printing;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Selection;
using Smi.Testing.FakeKubeApi.Storage;
using Smi.Testing.FakeKubeApi.Writes;

namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>get and list: objects in the request's version, list metadata, selectors, paging, tables.</summary>
internal sealed class ResourceReader(ResourceWriter writer)
{
    public async Task GetAsync(HttpContext context, ResourceType type, string version, ApiRoute route)
    {
        var stored = writer.Store.Get(type.Key, route.Namespace, route.Name!) ?? throw ApiException.NotFound(type.Plural, route.Name!, type.Group);
        var obj = writer.Converter.ToVersion(type, stored, version);
        if (MediaTypes.WantsTable(context.Request))
        {
            var table = TableConverter.Build(type, version, [obj], Meta.ResourceVersion(obj), null, writer.Now, context.Request.Query["includeObject"]);
            await HttpJson.WriteAsync(context, 200, table, MediaTypes.Table);
            return;
        }

        await HttpJson.WriteAsync(context, 200, obj);
    }

    public async Task ListAsync(HttpContext context, ResourceType type, string version, ApiRoute route)
    {
        var query = context.Request.Query;
        var matches = Filter(type, query);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        string? startAfter = null;
        long? atVersion = null;
        if (!string.IsNullOrEmpty(query["continue"]))
        {
            (atVersion, startAfter) = ContinueToken.Decode(query["continue"]!);
        }
        else if (query["resourceVersionMatch"] == "Exact")
        {
            atVersion = long.TryParse(query["resourceVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var exact)
                ? exact
                : throw ApiException.BadRequest("resourceVersionMatch=Exact needs a resourceVersion");
        }

        List<JsonObject> items;
        long listVersion;
        try
        {
            (items, listVersion) = writer.Store.List(type.Key, route.Namespace, startAfter, atVersion);
        }
        catch (ResourceVersionTooOldException)
        {
            throw ApiException.Gone(startAfter is not null
                ? "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."
                : "The resourceVersion for the provided list is too old.");
        }

        var selected = items.Where(matches).ToList();
        var page = selected.Take(limit).ToList();
        string? continueToken = null;
        long? remaining = null;
        var resourceVersion = listVersion;
        if (selected.Count > page.Count)
        {
            var last = page[^1];
            continueToken = ContinueToken.Encode(resourceVersion, ObjectStore.KeyOf(Meta.Namespace(last), Meta.Name(last)!));
            if (string.IsNullOrEmpty(query["labelSelector"]) && string.IsNullOrEmpty(query["fieldSelector"]))
            {
                remaining = selected.Count - page.Count;
            }
        }

        var converted = page.Select(o => writer.Converter.ToVersion(type, o, version)).ToList();
        var rvText = resourceVersion.ToString(CultureInfo.InvariantCulture);
        if (MediaTypes.WantsTable(context.Request))
        {
            var table = TableConverter.Build(type, version, converted, rvText, continueToken, writer.Now, query["includeObject"]);
            if (remaining is not null)
            {
                table["metadata"]!["remainingItemCount"] = remaining;
            }

            await HttpJson.WriteAsync(context, 200, table, MediaTypes.Table);
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = rvText };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        if (remaining is not null)
        {
            metadata["remainingItemCount"] = remaining;
        }

        var list = new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersionFor(version),
            ["metadata"] = metadata,
            ["items"] = new JsonArray(converted.Select(o =>
            {
                // Typed lists of built-ins omit each item's kind and apiVersion; unstructured (CR) lists keep them.
                if (!type.IsCustom)
                {
                    o.Remove("kind");
                    o.Remove("apiVersion");
                }

                return (JsonNode)o;
            }).ToArray()),
        };
        await HttpJson.WriteAsync(context, 200, list);
    }

    public static Func<JsonObject, bool> Filter(ResourceType type, IQueryCollection query)
    {
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], type.Key);
        return o => labels.Matches(o) && fields.Matches(o);
    }
}
