using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Storage;

/// <summary>
/// One change in the store, as kept in the event history: the object after the change (for
/// DELETED, its last state stamped with the deletion's resourceVersion) and before it.
/// Objects are in the storage version and are never mutated once recorded.
/// </summary>
internal sealed record WatchEvent(string Type, long ResourceVersion, string TypeKey, JsonObject Object, JsonObject? OldObject)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";
}
