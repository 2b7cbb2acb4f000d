using System.Text.RegularExpressions;
using System.Xml.Linq;
using Smi.Testing;

namespace Smi.Install.Tests.Install;

/// <summary>
/// Docker cannot run here, so the Dockerfiles are checked by reading them: multi-stage SDK build and
/// ASP.NET runtime, Release publish, non-root user, the right entry point, and — the check that
/// catches drift — every project the published project references is copied before the restore.
/// </summary>
public sealed partial class DockerfileTests
{
    [Theory]
    [InlineData("operator/Dockerfile", "operator/SmiOperator/SmiOperator.csproj")]
    [InlineData("proxy/Dockerfile", "proxy/SmiProxy/SmiProxy.csproj")]
    public void Dockerfile_MultiStageSdkBuildAspNetRuntimeNonRoot(string dockerfile, string project)
    {
        var lines = Instructions(dockerfile);

        Assert.Contains("ARG DOTNET_VERSION=10.0", lines);
        Assert.Contains(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.Contains("mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build", StringComparison.Ordinal));
        var runtime = lines.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}", runtime, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish " + project + " -c Release", StringComparison.Ordinal));
        Assert.Equal("USER 65532:65532", lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Contains("COPY --from=build /app ./", lines);
        var assembly = XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants("AssemblyName").Single().Value;
        Assert.StartsWith($"ENTRYPOINT [\"/app/{assembly}\"", lines.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("operator/Dockerfile", "operator/SmiOperator/SmiOperator.csproj")]
    [InlineData("proxy/Dockerfile", "proxy/SmiProxy/SmiProxy.csproj")]
    public void Dockerfile_CopiesEveryReferencedProjectBeforeRestore(string dockerfile, string project)
    {
        var lines = Instructions(dockerfile);
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copied = lines.Take(restore)
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(restore > 0, "no dotnet restore step");
        foreach (var needed in ProjectClosure(project).Append("global.json").Append("Directory.Build.props").Append("Directory.Packages.props"))
        {
            Assert.Contains(needed, copied);
        }
    }

    [Theory]
    [InlineData("operator/Dockerfile")]
    [InlineData("proxy/Dockerfile")]
    public void Dockerfile_EveryCopySourceExistsAndIsInTheBuildContext(string dockerfile)
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.TrimEnd('/'))
            .ToList();

        foreach (var line in Instructions(dockerfile).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal)))
        {
            foreach (var source in line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1].Where(s => !s.StartsWith("--", StringComparison.Ordinal)))
            {
                var path = Path.Combine(RepoPaths.Root, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{dockerfile}: COPY source {source} does not exist");
                Assert.DoesNotContain(source.TrimEnd('/'), ignored);
            }
        }
    }

    [Fact]
    public void ProxyDockerfile_CarriesIptablesAndTheScriptWhereTheInjectorRunsIt()
    {
        var lines = Instructions("proxy/Dockerfile");
        var injector = File.ReadAllText(Path.Combine(RepoPaths.Root, "operator", "Smi.Operator", "Webhooks", "Injection", "SidecarInjector.cs"));
        var scriptPath = ScriptPath().Match(injector).Groups[1].Value;

        Assert.Equal("/opt/smi/smi-iptables.sh", scriptPath);
        Assert.Contains(lines, l => l.StartsWith("RUN apt-get update", StringComparison.Ordinal) && l.Contains("iptables", StringComparison.Ordinal));
        Assert.Contains($"COPY --chmod=0555 proxy/iptables/smi-iptables.sh {scriptPath}", lines);
        Assert.DoesNotContain("chiseled", lines.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void OperatorDockerfile_ChiseledRuntimeExposingHealthAndWebhookPorts()
    {
        var lines = Instructions("operator/Dockerfile");

        Assert.EndsWith("-noble-chiseled AS runtime", lines.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8080 9443", lines);
        Assert.Contains("CMD [\"run\"]", lines);
    }

    // Dockerfile instructions with line continuations joined and comments dropped.
    private static List<string> Instructions(string dockerfile)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, dockerfile)).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. text.Split('\n')
            .Select(l => Whitespace().Replace(l.Trim(), " "))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    // The project and every project it references, transitively, as repository-relative paths.
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Path.Combine(RepoPaths.Root, current))!;
            foreach (var reference in XDocument.Load(Path.Combine(RepoPaths.Root, current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(RepoPaths.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    [GeneratedRegex("\"(/opt/smi/[^\"]+)\"")]
    private static partial Regex ScriptPath();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
