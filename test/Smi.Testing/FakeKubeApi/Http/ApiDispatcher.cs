using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Writes;

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

        if (route.Subresource is not null and not ("status" or "scale"))
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
        if (route.Subresource == "scale")
        {
            result = await ScaleAsync(context, type, version, route, verb, write);
            await HttpJson.WriteAsync(context, result.StatusCode, result.Body);
            return true;
        }

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
                result = writer.Create(type, version, route.Namespace, await RequestBodies.ReadObjectAsync(context), write);
                break;
            case "update":
                result = writer.Update(type, version, route.Namespace, route.Name!, route.Subresource, await RequestBodies.ReadObjectAsync(context), write);
                break;
            case "patch":
                var mediaType = MediaTypes.ContentType(context.Request);
                var text = await HttpJson.ReadBodyAsync(context);
                result = mediaType == PatchTypes.Apply
                    ? writer.Apply(type, version, route.Namespace, route.Name!, route.Subresource, RequestBodies.ParseYaml(text), write)
                    : writer.Patch(type, version, route.Namespace, route.Name!, route.Subresource, mediaType, RequestBodies.ParseJson(text), write);
                break;
            case "delete":
                result = writer.Delete(type, version, route.Namespace, route.Name!, await RequestBodies.ReadDeleteOptionsAsync(context), write);
                break;
            case "deletecollection":
                var deleted = writer.DeleteCollection(type, version, route.Namespace, ResourceReader.Filter(type, query), await RequestBodies.ReadDeleteOptionsAsync(context), write);
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

    private async Task<WriteResult> ScaleAsync(HttpContext context, ResourceType type, string version, ApiRoute route, string verb, WriteOptions write)
    {
        switch (verb)
        {
            case "get":
                return new WriteResult(200, writer.GetScale(type, version, route.Namespace, route.Name!));
            case "update":
                var body = await RequestBodies.ReadObjectAsync(context);
                return writer.WriteScale(type, version, route.Namespace, route.Name!, _ => body, write);
            case "patch":
                var mediaType = MediaTypes.ContentType(context.Request);
                var patch = RequestBodies.ParseJson(await HttpJson.ReadBodyAsync(context));
                return writer.WriteScale(type, version, route.Namespace, route.Name!, scale => mediaType switch
                {
                    PatchTypes.Merge or PatchTypes.Strategic => (JsonObject)Patching.JsonMergePatch.Apply(scale, patch as JsonObject ?? throw ApiException.BadRequest("patch must be a JSON object"))!,
                    PatchTypes.Json => Patching.JsonPatch.Apply(scale, patch),
                    _ => throw ApiException.UnsupportedMediaType(mediaType),
                }, write);
            default:
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource ({context.Request.Method})");
        }
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
}
