namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>
/// A request path taken apart the way the API server's router does:
/// <c>/api/v1/namespaces/{ns}/{plural}/{name}/{subresource}</c>,
/// <c>/apis/{group}/{version}/{plural}/{name}</c>, the legacy <c>/watch/</c> prefix, discovery
/// and OpenAPI paths.
/// </summary>
internal sealed record ApiRoute(RouteKind Kind, string Group = "", string Version = "", string? Namespace = null, string Plural = "", string? Name = null, string? Subresource = null, bool LegacyWatch = false)
{
    public static ApiRoute Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["version"]:
                return new ApiRoute(RouteKind.Version);
            case ["healthz" or "readyz" or "livez", ..]:
                return new ApiRoute(RouteKind.Health);
            case ["openapi", "v2"]:
                return new ApiRoute(RouteKind.OpenApiV2);
            case ["openapi", "v3", ..]:
                return new ApiRoute(RouteKind.OpenApiV3, Name: string.Join('/', segments[2..]));
            case ["api"]:
                return new ApiRoute(RouteKind.CoreGroup);
            case ["api", var v]:
                return new ApiRoute(RouteKind.GroupVersion, string.Empty, v);
            case ["api", var v, .. var rest]:
                return Resource(string.Empty, v, rest);
            case ["apis"]:
                return new ApiRoute(RouteKind.Groups);
            case ["apis", var g]:
                return new ApiRoute(RouteKind.Group, g);
            case ["apis", var g, var v]:
                return new ApiRoute(RouteKind.GroupVersion, g, v);
            case ["apis", var g, var v, .. var rest]:
                return Resource(g, v, rest);
            default:
                return new ApiRoute(RouteKind.Unknown);
        }
    }

    private static ApiRoute Resource(string group, string version, string[] rest)
    {
        var legacyWatch = rest is ["watch", _, ..];
        if (legacyWatch)
        {
            rest = rest[1..];
        }

        string? ns = null;
        // namespaces/{name} and namespaces/{name}/{status|finalize} address the Namespace itself.
        if (rest is ["namespaces", _, _, ..] && !(rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        return rest switch
        {
            [var plural] => new ApiRoute(RouteKind.Resource, group, version, ns, plural, LegacyWatch: legacyWatch),
            [var plural, var name] => new ApiRoute(RouteKind.Resource, group, version, ns, plural, name, LegacyWatch: legacyWatch),
            [var plural, var name, var sub] => new ApiRoute(RouteKind.Resource, group, version, ns, plural, name, sub, legacyWatch),
            _ => new ApiRoute(RouteKind.Unknown),
        };
    }
}
