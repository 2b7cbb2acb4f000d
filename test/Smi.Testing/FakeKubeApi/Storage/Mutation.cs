using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Storage;

/// <summary>What a write decided to do with the object it read, under the store's lock.</summary>
internal readonly record struct Mutation(MutationKind Kind, JsonObject? Object)
{
    public static Mutation Put(JsonObject obj) => new(MutationKind.Put, obj);

    public static Mutation Delete(JsonObject lastState) => new(MutationKind.Delete, lastState);

    public static Mutation None(JsonObject? current) => new(MutationKind.None, current);
}
