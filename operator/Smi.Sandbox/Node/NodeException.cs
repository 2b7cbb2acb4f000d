namespace Smi.Sandbox.Node;

/// <summary>The netns node could not be built or changed: the message says which command failed and why.</summary>
internal sealed class NodeException : Exception
{
    public NodeException(string message)
        : base(message)
    {
    }

    public NodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NodeException()
    {
    }
}
