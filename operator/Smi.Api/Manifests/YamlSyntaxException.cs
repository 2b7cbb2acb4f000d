namespace Smi.Api.Manifests;

/// <summary>A document that is not well-formed YAML/JSON; carries the position of the fault.</summary>
public sealed class YamlSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public YamlSyntaxException(string message, SourcePosition position, Exception? inner = null)
        : base(message, inner) => Position = position;

    /// <summary>Where the fault is.</summary>
    public SourcePosition Position { get; }
}
