using System.Diagnostics;

namespace SmiProxy.Telemetry;

/// <summary>The labels of one opaque TCP connection.</summary>
internal readonly record struct TcpLabels(string Direction, string SourceIdentity, string DestinationIdentity, string DestinationService)
{
    public TagList Tags() => new()
    {
        { "direction", Direction },
        { "source_identity", SourceIdentity },
        { "destination_identity", DestinationIdentity },
        { "destination_service", DestinationService },
    };
}
