namespace Smi.Testing.FakeKubeApi.Storage;

/// <summary>The kinds of <see cref="Mutation"/>.</summary>
internal enum MutationKind
{
    /// <summary>Create or replace the object.</summary>
    Put,

    /// <summary>Remove the object.</summary>
    Delete,

    /// <summary>Leave the store as it is.</summary>
    None,
}
