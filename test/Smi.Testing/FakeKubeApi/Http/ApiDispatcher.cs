using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Writes;
using Smi.Testing.FakeKubeApi.Yaml;

namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>
/// The one request delegate of the fake: records the request, applies injected faults, routes
/// discovery, OpenAPI and resource requests, and turns every rejection into a Kubernetes Status.
/// Routes the fake does not implement answer 501 and are recorded as unhandled so that a test can
/// fail loudly instead of passing against a silently wrong fake.
/// </summary>
internal sealed class ApiDispatcher(ResourceWriter writer, FaultInjector faults, FakeKubeApiOptions options, ConcurrentQueue<RecordedRequest> log)
{
    private readonly ResourceReader _reader = new(writer);
    private readonly WatchStreamer _watch = new(writer, options.BookmarkInterval);

    /// <summary>Cancelled when the server stops, so long-running watches end.</summary>
    public CancellationToken Stopping { get; set; }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = ApiRoute.Parse(request.Path.Value ?? "/");
        var verb = VerbOf(request, route);
        var unhandled = false;
        try
        {
            if (faults.Take(verb, request.Path.Value ?? "/") is { } injected)
            {
                throw ApiException.Injected(injected);
            }

            unhandled = !await RouteAsync(context, route, verb);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            unhandled = ex.Code == 501;
            await HttpJson.WriteStatusAsync(context, ex);
        }
        catch (ApiException)
        {
            // The response already started (a watch); the stream has ended.
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A bug in the fake (or input it cannot take apart): fail loudly, never answer half a request.
            unhandled = true;
            await HttpJson.WriteStatusAsync(context, ApiException.Internal($"FakeKubeApiServer failed on {request.Method} {request.Path}: {ex}"));
        }
        finally
        {
            log.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, verb, context.Response.StatusCode, unhandled, request.Headers.UserAgent.ToString()));
        }
    }

    private async Task<bool> RouteAsync(HttpContext context, ApiRoute route, string verb)
    {
        var registry = writer.Registry;
        var method = context.Request.Method;
        if (route.Kind != RouteKind.Resource && method != "GET")
        {
            return await NotImplementedAsync(context, $"{method} on {context.Request.Path}");
        }

        switch (route.Kind)
        {
            case RouteKind.Version:
                await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.Version(options.ServerVersion));
                return true;
            case RouteKind.Health:
                context.Response.StatusCode = 200;
                await context.Response.WriteAsync("ok");
                return true;
            case RouteKind.CoreGroup:
                if (options.AggregatedDiscovery && MediaTypes.WantsAggregatedDiscovery(context.Request))
                {
                    await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.Aggregated(registry, core: true), MediaTypes.AggregatedDiscovery);
                }
                else
                {
                    await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.CoreVersions($"{context.Request.Host}"));
                }

                return true;
            case RouteKind.Groups:
                if (options.AggregatedDiscovery && MediaTypes.WantsAggregatedDiscovery(context.Request))
                {
                    await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.Aggregated(registry, core: false), MediaTypes.AggregatedDiscovery);
                }
                else
                {
                    await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.GroupList(registry));
                }

                return true;
            case RouteKind.Group:
                await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.GroupDocument(registry, route.Group) ?? throw ApiException.NotFoundRoute());
                return true;
            case RouteKind.GroupVersion:
                await HttpJson.WriteAsync(context, 200, DiscoveryDocuments.ResourceList(registry, route.Group, route.Version) ?? throw ApiException.NotFoundRoute());
                return true;
            case RouteKind.OpenApiV2:
                // No v2 schemas: kubectl only falls back to v2 when v3 does not answer.
                throw ApiException.NotFoundRoute();
            case RouteKind.OpenApiV3:
                var document = string.IsNullOrEmpty(route.Name)
                    ? OpenApiDocuments.Index(registry)
                    : OpenApiDocuments.ForPath(registry, route.Name) ?? throw ApiException.NotFoundRoute();
                await HttpJson.WriteAsync(context, 200, document);
                return true;
            case RouteKind.Resource:
                return await ResourceAsync(context, route, verb);
            default:
                return await NotImplementedAsync(context, $"{method} {context.Request.Path}");
        }
    }

    private async Task<bool> ResourceAsync(HttpContext context, ApiRoute route, string verb)
    {
        var type = writer.Registry.Find(route.Group, route.Version, route.Plural) ?? throw ApiException.NotFoundRoute();
        if (type.Namespaced != (route.Namespace is not null) && !(route.Namespace is null && route.Name is null && verb is "list" or "watch"))
        {
            // Cluster-scoped resources have no namespace path; namespaced ones need it except for list/watch across namespaces.
            throw ApiException.NotFoundRoute();
        }

        if (route.Subresource is not null and not "status")
        {
            return await NotImplementedAsync(context, $"the {route.Subresource} subresource of {type.Key}");
        }

        MediaTypes.RequireJson(context.Request);
        var query = context.Request.Query;
        var fieldValidation = query["fieldValidation"].ToString() switch
        {
            "" => "Warn",
            var v when v is "Strict" or "Warn" or "Ignore" => v,
            var other => throw ApiException.BadRequest($"fieldValidation: Unsupported value: \"{other}\": supported values: \"Ignore\", \"Strict\", \"Warn\""),
        };
        var write = new WriteOptions(DryRun: query["dryRun"] == "All", FieldManager: query["fieldManager"], Force: query["force"] == "true", UserAgent: context.Request.Headers.UserAgent.ToString(), FieldValidation: fieldValidation);
        var version = route.Version;
        WriteResult result;
        switch (verb)
        {
            case "get":
                await _reader.GetAsync(context, type, version, route);
                return true;
            case "list":
                await _reader.ListAsync(context, type, version, route);
                return true;
            case "watch":
                await _watch.StreamAsync(context, type, version, route, Stopping);
                return true;
            case "create":
                result = writer.Create(type, version, route.Namespace, await ReadObjectAsync(context), write);
                break;
            case "update":
                result = writer.Update(type, version, route.Namespace, route.Name!, route.Subresource, await ReadObjectAsync(context), write);
                break;
            case "patch":
                var mediaType = MediaTypes.ContentType(context.Request);
                var text = await HttpJson.ReadBodyAsync(context);
                result = mediaType == PatchTypes.Apply
                    ? writer.Apply(type, version, route.Namespace, route.Name!, route.Subresource, ParseYaml(text), write)
                    : writer.Patch(type, version, route.Namespace, route.Name!, route.Subresource, mediaType, ParseJson(text), write);
                break;
            case "delete":
                result = writer.Delete(type, version, route.Namespace, route.Name!, await ReadDeleteOptionsAsync(context), write);
                break;
            case "deletecollection":
                var deleted = writer.DeleteCollection(type, version, route.Namespace, ResourceReader.Filter(type, query), await ReadDeleteOptionsAsync(context), write);
                await HttpJson.WriteAsync(context, 200, deleted);
                return true;
            default:
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource ({context.Request.Method})");
        }

        foreach (var warning in write.Warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await HttpJson.WriteAsync(context, result.StatusCode, result.Body);
        return true;
    }

    private static async Task<bool> NotImplementedAsync(HttpContext context, string what)
    {
        await HttpJson.WriteStatusAsync(context, ApiException.NotImplemented($"FakeKubeApiServer does not implement {what}; extend the fake or change the test"));
        return false;
    }

    private static string VerbOf(HttpRequest request, ApiRoute route)
    {
        if (route.Kind != RouteKind.Resource)
        {
            return "discovery";
        }

        var watch = route.LegacyWatch || request.Query["watch"] is var w && (w == "true" || w == "1");
        return request.Method switch
        {
            "GET" when watch => "watch",
            "GET" => route.Name is null ? "list" : "get",
            "POST" when route.Name is null => "create",
            "PUT" when route.Name is not null => "update",
            "PATCH" when route.Name is not null => "patch",
            "DELETE" => route.Name is null ? "deletecollection" : "delete",
            _ => request.Method.ToLowerInvariant(),
        };
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var text = await HttpJson.ReadBodyAsync(context);
        var node = MediaTypes.ContentType(context.Request) is "application/yaml" ? ParseYaml(text) : ParseJson(text);
        return node as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");
    }

    /// <summary>DeleteOptions from the body and, as the API server also accepts them, from the query string.</summary>
    private static async Task<JsonObject> ReadDeleteOptionsAsync(HttpContext context)
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

    private static JsonNode? ParseJson(string text)
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

    private static JsonNode? ParseYaml(string text)
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
