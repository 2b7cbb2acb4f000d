namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>What a request path addresses.</summary>
internal enum RouteKind
{
    Unknown,
    Version,
    Health,
    CoreGroup,
    Groups,
    Group,
    GroupVersion,
    Resource,
    OpenApiV2,
    OpenApiV3,
}
