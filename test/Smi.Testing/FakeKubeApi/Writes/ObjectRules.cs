using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// The per-object rules of the API server's registry strategies that clients can observe: name
/// validation, what a create initialises, what an update may not change, when generation moves,
/// and how the status subresource splits writes.
/// </summary>
internal static partial class ObjectRules
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Checks apiVersion/kind and the URL's name and namespace against the body; fills what is missing.</summary>
    public static void CheckIdentity(ResourceType type, string version, string? ns, string? urlName, JsonObject body)
    {
        if (body["metadata"] is not (null or JsonObject))
        {
            throw ApiException.BadRequest($"unable to decode {type.Kind}: metadata must be an object");
        }

        var apiVersion = Meta.Str(body["apiVersion"]);
        var expected = type.ApiVersionFor(version);
        if (apiVersion is not null && apiVersion != expected)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({expected})");
        }

        var kind = Meta.Str(body["kind"]);
        if (kind is not null && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        body["apiVersion"] = expected;
        body["kind"] = type.Kind;
        var metadata = Meta.Of(body);
        if (urlName is not null)
        {
            var name = Meta.Name(body);
            if (name is null)
            {
                metadata["name"] = urlName;
            }
            else if (name != urlName)
            {
                throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({urlName})");
            }
        }

        if (type.Namespaced)
        {
            var bodyNs = Meta.Namespace(body);
            if (bodyNs is null)
            {
                metadata["namespace"] = ns;
            }
            else if (ns is not null && bodyNs != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
        }
        else
        {
            metadata.Remove("namespace");
        }
    }

    /// <summary>Assigns a name from generateName and rejects names the real server rejects.</summary>
    public static void CheckName(ResourceType type, JsonObject body)
    {
        var metadata = Meta.Of(body);
        var name = Meta.Name(body);
        if (string.IsNullOrEmpty(name))
        {
            var prefix = Meta.Str(metadata["generateName"]);
            if (string.IsNullOrEmpty(prefix))
            {
                throw ApiException.Invalid(type.Kind, string.Empty, type.Group, [("metadata.name", "Required value: name or generateName is required")]);
            }

            name = prefix + new string(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)]).ToArray());
            metadata["name"] = name;
        }

        // Namespaces and Services need DNS labels (they become DNS names); everything else a subdomain.
        var label = type.Key is "namespaces" or "services";
        var valid = label ? name.Length <= 63 && DnsLabel().IsMatch(name) : name.Length <= 253 && DnsSubdomain().IsMatch(name);
        if (!valid)
        {
            var what = label
                ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
            throw ApiException.Invalid(type.Kind, name, type.Group, [("metadata.name", $"Invalid value: \"{name}\": {what}")]);
        }
    }

    /// <summary>What a create initialises: uid, creationTimestamp, generation, and status per the subresource rules.</summary>
    public static void PrepareCreate(ResourceType type, JsonObject obj, DateTimeOffset now, bool keepStatus)
    {
        var metadata = Meta.Of(obj);
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Meta.Timestamp(now);
        metadata["generation"] = 1;
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("resourceVersion");
        metadata.Remove("selfLink");
        if (!keepStatus && type.StorageVersion.HasStatus)
        {
            obj.Remove("status");
        }

        Defaults.Apply(type, obj);
        Defaults.Normalize(type, obj);
    }

    /// <summary>
    /// Builds the object an update stores: server-owned metadata is carried over, status comes from
    /// the request only through /status (when the subresource is enabled) and generation increments
    /// when anything outside metadata (and status, with the subresource) changed.
    /// </summary>
    public static JsonObject PrepareUpdate(ResourceType type, JsonObject current, JsonObject incoming, string? subresource)
    {
        var hasStatus = type.StorageVersion.HasStatus;
        JsonObject next;
        if (subresource == "status")
        {
            next = current.DeepClone().AsObject();
            if (incoming["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }

            return next;
        }

        next = incoming.DeepClone().AsObject();
        if (hasStatus)
        {
            if (current["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }

        var metadata = Meta.Of(next);
        var old = Meta.Of(current);
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name" })
        {
            if (old[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
            else
            {
                metadata.Remove(field);
            }
        }

        metadata.Remove("selfLink");
        Defaults.Normalize(type, next);
        var generation = Meta.Generation(current);
        metadata["generation"] = SpecChanged(current, next, hasStatus) ? generation + 1 : generation;
        return next;
    }

    private static bool SpecChanged(JsonObject current, JsonObject next, bool hasStatus)
    {
        static JsonObject Strip(JsonObject o, bool hasStatus)
        {
            var copy = o.DeepClone().AsObject();
            copy.Remove("metadata");
            if (hasStatus)
            {
                copy.Remove("status");
            }

            return copy;
        }

        return !JsonNode.DeepEquals(Strip(current, hasStatus), Strip(next, hasStatus));
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
