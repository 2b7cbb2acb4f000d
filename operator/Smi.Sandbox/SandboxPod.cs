using System.Text.Json.Serialization;

namespace Smi.Sandbox;

/// <summary>One simulated pod as listed in <c>sandbox.json</c>: a contract for scripts and tests.</summary>
internal sealed record SandboxPod
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("serviceAccount")]
    public required string ServiceAccount { get; init; }

    [JsonPropertyName("workload")]
    public string? Workload { get; init; }

    [JsonPropertyName("address")]
    public required string Address { get; init; }

    /// <summary>Container ports the echo app listens on.</summary>
    [JsonPropertyName("ports")]
    public required IReadOnlyList<int> Ports { get; init; }

    /// <summary>The echo app's ports that speak HTTP/2 cleartext with gRPC (see <see cref="EchoProtocols"/>); absent when none.</summary>
    [JsonPropertyName("h2cPorts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? H2cPorts { get; init; }

    /// <summary>The proxy's outbound listener: use it as HTTP proxy to send <i>from</i> this pod.</summary>
    [JsonPropertyName("outbound")]
    public required string Outbound { get; init; }

    /// <summary>The proxy's inbound listener (mTLS; plaintext only when permissive).</summary>
    [JsonPropertyName("inbound")]
    public required string Inbound { get; init; }

    /// <summary>The proxy's admin listener: /ready, /config, /metrics.</summary>
    [JsonPropertyName("admin")]
    public required string Admin { get; init; }

    /// <summary>netns node only: the pod IP (IPv4).</summary>
    [JsonPropertyName("ip")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ip { get; init; }

    /// <summary>netns node only: the pod's IPv6 address (the node is dual-stack).</summary>
    [JsonPropertyName("ipv6")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ipv6 { get; init; }

    /// <summary>netns node only: the pod's network namespace, for <c>ip netns exec &lt;netns&gt; curl ...</c>.</summary>
    [JsonPropertyName("netns")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Netns { get; init; }

    /// <summary>netns node only: every container started and passing its readiness probe, as kubelet would report it.</summary>
    [JsonPropertyName("ready")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Ready { get; init; }

    /// <summary>netns node only: whether the pod runs the injected proxy (and iptables interception).</summary>
    [JsonPropertyName("meshed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Meshed { get; init; }
}
