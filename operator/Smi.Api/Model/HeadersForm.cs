namespace Smi.Api.Model;

/// <summary>
/// The two shapes of <c>headers</c> found in the wild: the map form of the spec documents and Go
/// types, and the list-of-single-key-maps form the official sdk-go CRD schema demands.
/// </summary>
public enum HeadersForm
{
    /// <summary><c>headers: {user-agent: ".*Firefox.*"}</c></summary>
    Map,

    /// <summary><c>headers: [{user-agent: ".*Firefox.*"}]</c></summary>
    List,
}
