using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Smi.Sandbox.Node;

/// <summary>
/// How a container of an admitted pod runs on the sandbox's node, where there are no images: the
/// proxy image is the smi-proxy this sandbox ships (run by the .NET host it runs on), files the
/// proxy image carries under /opt/smi are taken from the sandbox's own copy, and any other
/// container runs its <c>command</c> + <c>args</c> as found on this machine — or, with neither, the
/// sandbox's echo app. The environment is the container's own, with downward-API fields resolved
/// and <c>$(VAR)</c> references expanded as kubelet does.
/// </summary>
internal static partial class ContainerCommand
{
    /// <summary>Where the proxy image keeps its files (the iptables script).</summary>
    public const string ImageFiles = "/opt/smi/";

    /// <summary>The command line of a container, or null when it runs the echo app.</summary>
    public static IReadOnlyList<string>? ArgvOf(V1Container container, string proxyImage)
    {
        if (container.Image == proxyImage && container.Command is not { Count: > 0 })
        {
            return [DotnetHost(), Path.Combine(AppContext.BaseDirectory, "smi-proxy.dll"), .. container.Args ?? []];
        }

        var argv = (container.Command ?? []).Concat(container.Args ?? []).ToList();
        return argv.Count == 0 ? null : [.. argv.Select(MapImageFile)];
    }

    /// <summary>The container's environment: literal values and downward-API fields; other sources are reported in <paramref name="unsupported"/>.</summary>
    public static Dictionary<string, string> EnvironmentOf(V1Container container, V1Pod pod, string podIp, string podIpv6, List<string> unsupported)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            if (variable.Value is { } value)
            {
                env[variable.Name] = Expand(value, env);
            }
            else if (variable.ValueFrom?.FieldRef?.FieldPath is { } field && Field(field, pod, podIp, podIpv6) is { } resolved)
            {
                env[variable.Name] = resolved;
            }
            else if (variable.ValueFrom is not null)
            {
                unsupported.Add($"{container.Name}: env {variable.Name} (only values and fieldRef are resolved in the sandbox)");
            }
            else
            {
                env[variable.Name] = string.Empty;
            }
        }

        return env;
    }

    /// <summary>The `dotnet` host this process runs on (the muxer above the shared runtime folder).</summary>
    public static string DotnetHost()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/');
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var muxer = Path.Combine(root, "dotnet");
        return File.Exists(muxer) ? muxer : "dotnet";
    }

    private static string MapImageFile(string arg) =>
        arg.StartsWith(ImageFiles, StringComparison.Ordinal) && arg.EndsWith(".sh", StringComparison.Ordinal)
            ? Path.Combine(AppContext.BaseDirectory, "iptables", arg[ImageFiles.Length..])
            : arg;

    private static string? Field(string path, V1Pod pod, string podIp, string podIpv6) => path switch
    {
        "metadata.name" => pod.Metadata.Name,
        "metadata.namespace" => pod.Metadata.NamespaceProperty,
        "metadata.uid" => pod.Metadata.Uid ?? pod.Metadata.Name,
        "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "default",
        "spec.nodeName" => "sandbox-node",
        "status.podIP" => podIp,
        "status.podIPs" => $"{podIp},{podIpv6}",
        "status.hostIP" => NodeNetwork.GatewayV4.ToString(),
        _ => null,
    };

    // $(VAR) is replaced by an earlier variable's value; $$(VAR) escapes it; unknown references stay as written.
    private static string Expand(string value, Dictionary<string, string> env) =>
        Reference().Replace(value, m => m.Value.StartsWith("$$", StringComparison.Ordinal) ? m.Value[1..] : env.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\$?\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
