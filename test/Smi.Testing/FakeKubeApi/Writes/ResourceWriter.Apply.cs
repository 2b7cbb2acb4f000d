using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Apply;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>): the configuration must name the URL's
/// apiVersion and carry no managedFields; a resourceVersion in it is a precondition.
/// </summary>
internal sealed partial class ResourceWriter
{
    public WriteResult Apply(ResourceType type, string version, string? ns, string name, string? subresource, JsonNode? applied, WriteOptions options)
    {
        CheckSubresource(type, version, subresource);
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw ApiException.Unprocessable("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        if (applied is not JsonObject config)
        {
            throw ApiException.BadRequest("apply patch must be an object");
        }

        // The field manager reads the configuration as the URL's version (it never fills apiVersion
        // in as other writes do), and ownership is the server's: both are 400s on a real server.
        var expected = type.ApiVersionFor(version);
        var specified = Meta.Str(config["apiVersion"]) ?? string.Empty;
        if (specified != expected)
        {
            throw ApiException.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {specified}, expected: {expected}");
        }

        if (config["metadata"]?["managedFields"] is not null)
        {
            throw ApiException.BadRequest("metadata.managedFields must be nil");
        }

        ObjectRules.CheckIdentity(type, version, ns, name, config);
        if (store.Get(type.Key, ns, name) is null)
        {
            if (subresource is not null)
            {
                throw ApiException.NotFound(type.Plural, name, type.Group);
            }

            return Create(type, version, ns, config, options with { ApplyCreate = true });
        }

        var result = store.Mutate(type.Key, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type.Plural, name, type.Group);
            }

            // A resourceVersion in the applied configuration is a precondition, as for any update.
            var rv = Meta.ResourceVersion(config);
            if (!string.IsNullOrEmpty(rv) && rv != Meta.ResourceVersion(current))
            {
                throw ApiException.StaleResourceVersion(type.Plural, name, type.Group);
            }

            var view = converter.ToVersion(type, current, version);
            var merged = ServerSideApply.Merge(view, config, options.FieldManager!, options.Force, subresource, type, version, Now);
            return Replace(type, version, current, merged, subresource, options, isApply: true);
        }, options.DryRun);
        AfterWrite(type, result, options);
        return new WriteResult(200, converter.ToVersion(type, result.Object!, version));
    }
}
