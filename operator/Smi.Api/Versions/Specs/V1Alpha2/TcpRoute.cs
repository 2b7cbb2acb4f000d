using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Specs.V1Alpha2;

/// <summary>specs.smi-spec.io/v1alpha2 TCPRoute: no fields at all; it admits every port of the destination.</summary>
public sealed class TcpRoute : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "specs.smi-spec.io/v1alpha2";
}
