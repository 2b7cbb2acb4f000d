using System.CommandLine;
using System.Text.Json.Nodes;
using SmiOperator.Cli;

namespace SmiOperator.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private const string ValidSplit = "apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata:\n  name: canary\nspec:\n  service: web\n  backends:\n  - service: web-v1\n    weight: 90\n  - service: web-v2\n    weight: 10\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("smi-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Validate_ValidFile_ExitsZeroWithOkVerdict()
    {
        var file = Write("split.yaml", ValidSplit);

        var (code, stdout, stderr) = await Run("validate", file);

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Equal($"{file}: ok (1 SMI object)\nPASSED: 1 file, 1 SMI object, 0 documents skipped as not SMI; 0 errors, 0 warnings\n", stdout);
    }

    [Fact]
    public async Task Validate_InvalidField_ExitsOneWithLocatedFinding()
    {
        var file = Write("bad.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n---\n" + ValidSplit.Replace("weight: 90", "weight: 1.5", StringComparison.Ordinal));

        var (code, stdout, _) = await Run("validate", file);

        Assert.Equal(1, code);
        Assert.Contains(
            $"{file}:14:13: error: TrafficSplit default/canary: spec.backends[0].weight: expected a whole number, got 1.5: split.smi-spec.io v1alpha2 and later weights are whole numbers (only their ratio matters, so scale all weights up, or use v1alpha1 quantities such as 500m) (document 2)\n",
            stdout,
            StringComparison.Ordinal);
        Assert.Contains($"{file}: 1 error, 0 warnings (1 document not readable, 1 document skipped as not SMI)\n", stdout, StringComparison.Ordinal);
        Assert.EndsWith("FAILED: 1 file, 0 SMI objects, 1 document skipped as not SMI; 1 error, 0 warnings\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WarningsOnly_ExitsZero()
    {
        var file = Write("self.yaml", ValidSplit.Replace("service: web-v1", "service: web", StringComparison.Ordinal));

        var (code, stdout, _) = await Run("validate", file);

        Assert.Equal(0, code);
        Assert.Contains($"{file}:8:14: warning: TrafficSplit default/canary: spec.backends[0].service: backend \"web\" is the root service itself", stdout, StringComparison.Ordinal);
        Assert.Contains($"{file}: 0 errors, 1 warning (1 SMI object)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MalformedYaml_LineAndColumnNoStackTrace()
    {
        var file = Write("broken.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: [web\n  labels: {}\n");

        var (code, stdout, stderr) = await Run("validate", file);

        Assert.Equal(1, code);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: error: malformed YAML", stdout);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownKinds_SkippedNotErrors()
    {
        var file = Write("app.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");

        var (code, stdout, _) = await Run("validate", file);

        Assert.Equal(0, code);
        Assert.Contains($"{file}: ok (3 documents skipped as not SMI)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Folder_RecursesAndReportsEveryFile()
    {
        Write("a.yaml", ValidSplit);
        Directory.CreateDirectory(Path.Combine(_dir, "nested"));
        Write(Path.Combine("nested", "b.json"), """{"apiVersion": "specs.smi-spec.io/v1alpha4", "kind": "TCPRoute", "metadata": {"name": "r"}, "spec": {"matches": {"ports": [0]}}}""");

        var (code, stdout, _) = await Run("validate", _dir);

        Assert.Equal(1, code);
        Assert.Contains("a.yaml: ok (1 SMI object)", stdout, StringComparison.Ordinal);
        Assert.Contains("b.json:1:124: error: TCPRoute default/r: spec.matches.ports[0]: port 0 is out of range; ports are 1-65535 (document 1)", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "validate" }, "validate: name at least one manifest file or folder")]
    [InlineData(new[] { "validate", "/definitely/not/here.yaml" }, "validate: no such file or folder: /definitely/not/here.yaml")]
    [InlineData(new[] { "validate", "--output", "xml", "." }, "validate: --output must be text or json, not \"xml\"")]
    public async Task Validate_UsageError_ExitsTwo(string[] args, string message)
    {
        var (code, stdout, stderr) = await Run(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith(message + "\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FolderWithoutManifests_ExitsTwo()
    {
        Write("readme.txt", "nothing");

        var (code, _, stderr) = await Run("validate", _dir);

        Assert.Equal(2, code);
        Assert.StartsWith($"validate: no manifest files (*.yaml, *.yml, *.json) under {_dir}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_JsonOutput_MachineReadable()
    {
        var file = Write("self.yaml", ValidSplit.Replace("service: web-v1", "service: web", StringComparison.Ordinal));

        var (code, stdout, _) = await Run("validate", "--output", "json", file);

        Assert.Equal(0, code);
        var root = JsonNode.Parse(stdout)!;
        Assert.Equal(1, root["summary"]!["warnings"]!.GetValue<int>());
        var finding = root["files"]![0]!["findings"]![0]!;
        Assert.Equal("warning", finding["severity"]!.GetValue<string>());
        Assert.Equal("spec.backends[0].service", finding["path"]!.GetValue<string>());
        Assert.Equal(8, finding["line"]!.GetValue<int>());
        Assert.Equal("TrafficSplit", finding["kind"]!.GetValue<string>());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var code = await CliApp.BuildRoot().Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancel.Token)
            .WaitAsync(TimeSpan.FromSeconds(30));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
