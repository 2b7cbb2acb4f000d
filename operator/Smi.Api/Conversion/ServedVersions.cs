using Smi.Api.Model;

namespace Smi.Api.Conversion;

/// <summary>Explains why an apiVersion and kind are not served, naming what is.</summary>
public static class ServedVersions
{
    /// <summary>A message for an apiVersion/kind pair <see cref="SmiApiRegistry.Find"/> does not know.</summary>
    public static string Describe(string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        if (group == SmiApiRegistry.MetricsGroup)
        {
            return $"{apiVersion} {kind} is a read-only metrics API response, not an object that can be applied or converted";
        }

        if (!SmiApiRegistry.IsSmiGroup(group))
        {
            var home = SmiApiRegistry.All.FirstOrDefault(v => v.Kind == kind);
            return home is null
                ? $"{apiVersion} {kind} is not an SMI API this operator serves"
                : $"{apiVersion} is not an SMI API version; {kind} is served as {Versions(home.Group, kind)}";
        }

        var kinds = SmiApiRegistry.ServedKinds(group);
        var version = apiVersion[(slash + 1)..];
        if (!SmiApiRegistry.ServedVersions(group).Contains(version))
        {
            var draft = group == SmiKinds.AccessGroup && version == "v1alpha4"
                ? " (access.smi-spec.io/v1alpha4, which adds IdentityBinding, is an unreleased draft of the SMI spec)"
                : string.Empty;
            return $"{apiVersion} is not a served version{draft}; this operator serves {Versions(group, null)} ({string.Join(", ", kinds)})";
        }

        if (!kinds.Contains(kind))
        {
            var other = SmiApiRegistry.All.FirstOrDefault(v => v.Kind == kind);
            return other is not null
                ? $"{kind} does not belong to {group}; it is served as {Versions(other.Group, kind)}"
                : $"{group} has no kind {kind}; it serves {string.Join(", ", kinds)}";
        }

        return $"{apiVersion} has no {kind}; use {Versions(group, kind)}";
    }

    private static string Versions(string group, string? kind) =>
        string.Join(", ", SmiApiRegistry.ServedVersions(group, kind).Select(v => $"{group}/{v}"));
}
