namespace Smi.Testing.FakeKubeApi.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: who owns which fields, through which operation.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, string? Subresource, HashSet<string> Fields)
{
    public bool SameOwner(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;
}
