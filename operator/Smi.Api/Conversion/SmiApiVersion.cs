using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Api.Model;
using Smi.Api.Versions;
using Smi.Api.Versions.Common;

namespace Smi.Api.Conversion;

/// <summary>One served group, version and kind: its wire type and its conversions to and from the hub.</summary>
public sealed class SmiApiVersion
{
    private readonly Func<SmiResource, Result<SmiObject>> _toHub;
    private readonly Func<SmiObject, Result<SmiResource>> _fromHub;

    internal SmiApiVersion(string group, string version, string kind, Type wireType, Func<SmiResource, Result<SmiObject>> toHub, Func<SmiObject, Result<SmiResource>> fromHub)
    {
        Group = group;
        Version = version;
        Kind = kind;
        WireType = wireType;
        _toHub = toHub;
        _fromHub = fromHub;
    }

    /// <summary>The API group, e.g. <c>split.smi-spec.io</c>.</summary>
    public string Group { get; }

    /// <summary>The version, e.g. <c>v1alpha4</c>.</summary>
    public string Version { get; }

    /// <summary>The kind, e.g. <c>TrafficSplit</c>.</summary>
    public string Kind { get; }

    /// <summary><c>group/version</c>.</summary>
    public string ApiVersion => $"{Group}/{Version}";

    /// <summary>The wire type (a <see cref="SmiResource"/>).</summary>
    public Type WireType { get; }

    /// <summary>Reads the wire type from JSON.</summary>
    /// <exception cref="JsonException">The JSON does not fit the type; the message and path say where.</exception>
    public SmiResource Deserialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return (SmiResource?)node.Deserialize(WireType, SmiJson.Options) ?? throw new JsonException("expected an object, got null");
    }

    /// <summary>Writes the wire type as JSON.</summary>
    public JsonObject Serialize(SmiResource wire) => JsonSerializer.SerializeToNode(wire, WireType, SmiJson.Options)!.AsObject();

    /// <summary>Converts a wire object of this version to the hub.</summary>
    public Result<SmiObject> ToHub(SmiResource wire)
    {
        ArgumentNullException.ThrowIfNull(wire);
        return wire.GetType() != WireType
            ? Result<SmiObject>.Failure($"expected a {WireType.FullName}, got a {wire.GetType().FullName}")
            : _toHub(wire).Map(hub => hub with { SourceApiVersion = ApiVersion });
    }

    /// <summary>Converts a hub object to this version.</summary>
    public Result<SmiResource> FromHub(SmiObject hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        return hub.Kind != Kind
            ? Result<SmiResource>.Failure($"cannot convert a {hub.Kind} to a {Kind}")
            : _fromHub(hub);
    }

    /// <inheritdoc />
    public override string ToString() => $"{ApiVersion} {Kind}";
}
