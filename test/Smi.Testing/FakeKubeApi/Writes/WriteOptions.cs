namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>Per-request write options from the query string (or from a test's seeding call).</summary>
/// <param name="DryRun"><c>dryRun=All</c>: run every check, store nothing.</param>
/// <param name="FieldManager"><c>fieldManager</c>, required by server-side apply.</param>
/// <param name="Force"><c>force=true</c> for server-side apply.</param>
/// <param name="Seeding">A test writing state directly: status is kept, no namespace or resourceVersion checks.</param>
/// <param name="UserAgent">The client's User-Agent; names the field manager when the request does not.</param>
/// <param name="ApplyCreate">A server-side apply that creates the object: the manager owns the fields as an Apply.</param>
/// <param name="FieldValidation"><c>fieldValidation</c>: Strict, Warn (the server's default) or Ignore.</param>
internal sealed record WriteOptions(bool DryRun = false, string? FieldManager = null, bool Force = false, bool Seeding = false, string? UserAgent = null, bool ApplyCreate = false, string FieldValidation = "Warn")
{
    public static WriteOptions Default => new();

    /// <summary>Warnings for the client (sent as <c>Warning: 299</c> headers, which kubectl prints). Shared by copies made with <c>with</c>.</summary>
    public List<string> Warnings { get; init; } = [];

    /// <summary>The field manager of a non-apply write: the parameter, else the User-Agent's product name, as the API server derives it.</summary>
    public string Manager => !string.IsNullOrEmpty(FieldManager)
        ? FieldManager
        : string.IsNullOrEmpty(UserAgent) ? "unknown" : UserAgent.Split('/', ' ')[0];
}
