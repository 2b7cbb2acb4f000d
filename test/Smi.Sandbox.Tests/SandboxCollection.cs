namespace Smi.Sandbox.Tests;

/// <summary>Sandbox tests each run a whole mesh: one at a time keeps them from starving each other on small machines.</summary>
[CollectionDefinition(Name)]
public sealed class SandboxCollection
{
    public const string Name = "sandbox";
}
