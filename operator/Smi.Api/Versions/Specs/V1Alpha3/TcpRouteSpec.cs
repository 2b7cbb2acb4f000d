namespace Smi.Api.Versions.Specs.V1Alpha3;

/// <summary>The (empty) spec of a v1alpha3 TCPRoute.</summary>
public sealed class TcpRouteSpec;
