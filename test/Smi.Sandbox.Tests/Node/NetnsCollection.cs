namespace Smi.Sandbox.Tests.Node;

/// <summary>netns tests run one at a time: each builds a node of a dozen processes, and two at once on a 2-core machine only slow each other down.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NetnsCollection
{
    public const string Name = "netns node";
}
