using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Resources;

/// <summary>
/// A kind of object the fake API server serves: one group + plural, all its versions, and what
/// discovery advertises about it. Objects are stored once per type, in the storage version.
/// </summary>
internal sealed record ResourceType(
    string Group,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ResourceVersion> Versions)
{
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>The CRD this type came from, or null for a built-in.</summary>
    public JsonObject? Crd { get; init; }

    public bool IsCustom => Crd is not null;

    public string ListKind => Kind + "List";

    /// <summary>Key of the type in storage and in the event history: <c>plural.group</c>.</summary>
    public string Key => string.IsNullOrEmpty(Group) ? Plural : $"{Plural}.{Group}";

    public ResourceVersion StorageVersion => Versions.First(v => v.Storage);

    public string ApiVersionFor(string version) => string.IsNullOrEmpty(Group) ? version : $"{Group}/{version}";

    public string StorageApiVersion => ApiVersionFor(StorageVersion.Name);

    public ResourceVersion? Served(string version) => Versions.FirstOrDefault(v => v.Served && v.Name == version);
}
