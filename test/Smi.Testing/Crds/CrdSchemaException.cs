namespace Smi.Testing.Crds;

/// <summary>A CRD whose schema the API server would reject, or that uses keywords this validator does not implement.</summary>
public sealed class CrdSchemaException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public CrdSchemaException(IReadOnlyList<string> problems)
        : base("invalid CRD schema: " + string.Join("; ", problems)) => Problems = problems;

    /// <summary>Creates the exception from one problem.</summary>
    public CrdSchemaException(string problem)
        : this([problem])
    {
    }

    /// <summary>Every problem, each prefixed with its location.</summary>
    public IReadOnlyList<string> Problems { get; }
}
