using System.Text.Json.Nodes;
using k8s;
using Smi.Testing.FakeKubeApi.Storage;
using Smi.Testing.FakeKubeApi.Yaml;

namespace Smi.Testing.FakeKubeApi;

/// <summary>Seeding and inspecting the stored state directly, bypassing HTTP.</summary>
public sealed partial class FakeKubeApiServer
{
    /// <summary>
    /// Stores every document of <paramref name="yaml"/> (a <c>List</c> document seeds its items) as
    /// ground truth: created, or replaced if it exists, with status kept and missing namespaces
    /// created. CRDs must come before their custom resources. Returns the stored objects.
    /// </summary>
    public IReadOnlyList<JsonObject> Seed(string yaml)
    {
        var stored = new List<JsonObject>();
        foreach (var document in YamlToJson.ReadAll(yaml).OfType<JsonObject>())
        {
            if (Meta.Str(document["kind"]) == "List" && document["items"] is JsonArray items)
            {
                stored.AddRange(items.OfType<JsonObject>().Select(i => Seed(i.DeepClone().AsObject())));
            }
            else
            {
                stored.Add(Seed(document));
            }
        }

        return stored;
    }

    /// <summary>Stores one object (JSON with apiVersion, kind and metadata.name); see <see cref="Seed(string)"/>.</summary>
    public JsonObject Seed(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = Meta.Str(obj["apiVersion"]) ?? throw new ArgumentException("a seeded object needs apiVersion", nameof(obj));
        var kind = Meta.Str(obj["kind"]) ?? throw new ArgumentException("a seeded object needs kind", nameof(obj));
        var (group, version) = SplitApiVersion(apiVersion);
        var type = _writer.Registry.FindByKind(group, version, kind)
            ?? throw new ArgumentException($"the fake serves no {kind} in {apiVersion} (seed its CRD first)", nameof(obj));
        return _writer.Seed(type, obj.DeepClone().AsObject());
    }

    /// <summary>Stores a typed client object (e.g. a <c>V1Pod</c>); see <see cref="Seed(string)"/>.</summary>
    public JsonObject Seed<T>(T obj)
        where T : IKubernetesObject
        => Seed(JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject());

    /// <summary>The stored object in <paramref name="version"/>, or null. Use "" as the group of core resources.</summary>
    public JsonObject? Get(string group, string version, string plural, string? ns, string name)
    {
        var type = _writer.Registry.Find(group, version, plural) ?? throw new ArgumentException($"the fake serves no {plural} in {group}/{version}");
        var stored = _writer.Store.Get(type.Key, type.Namespaced ? ns : null, name);
        return stored is null ? null : _writer.Converter.ToVersion(type, stored, version);
    }

    /// <summary>The stored objects of a resource in <paramref name="version"/>, in key order (all namespaces when <paramref name="ns"/> is null).</summary>
    public IReadOnlyList<JsonObject> List(string group, string version, string plural, string? ns = null)
    {
        var type = _writer.Registry.Find(group, version, plural) ?? throw new ArgumentException($"the fake serves no {plural} in {group}/{version}");
        return _writer.Store.List(type.Key, type.Namespaced ? ns : null).Items.Select(o => _writer.Converter.ToVersion(type, o, version)).ToList();
    }

    private static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
