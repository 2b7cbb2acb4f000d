using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Api.Manifests;
using Smi.Api.Validation;

namespace SmiOperator.Cli;

/// <summary>
/// <c>validate &lt;files or folders...&gt;</c>: loads SMI manifests (multi-document YAML and JSON,
/// folders recursively) and reports every problem as
/// <c>file:line:col: error|warning: Kind ns/name: field.path: message (document N)</c>, then a
/// verdict per file and a summary. Exit codes: 0 no errors, 1 errors, 2 usage errors.
/// </summary>
internal static class ValidateCommand
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    public static Command Create()
    {
        // Usage problems are checked here rather than by the parser so that they exit with 2, not the parser's 1.
        var paths = new Argument<string[]>("paths")
        {
            Description = "Manifest files or folders (searched recursively for *.yaml, *.yml and *.json).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: text (default) or json.",
            DefaultValueFactory = _ => "text",
        };
        var command = new Command("validate", "Validate SMI manifests: schema, conversion and semantic rules, with file:line:column for every problem. Kinds that are not SMI are skipped.")
        {
            paths,
            output,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => Run(
            parse.GetValue(paths) ?? [],
            parse.GetValue(output) ?? "text",
            parse.UnmatchedTokens,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, string format, IReadOnlyList<string> unmatched, TextWriter stdout, TextWriter stderr)
    {
        if (unmatched.Count > 0)
        {
            return UsageError(stderr, $"unknown arguments: {string.Join(" ", unmatched)}");
        }

        if (format is not ("text" or "json"))
        {
            return UsageError(stderr, $"--output must be text or json, not \"{format}\"");
        }

        if (paths.Length == 0)
        {
            return UsageError(stderr, "name at least one manifest file or folder");
        }

        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            return UsageError(stderr, $"no such file or folder: {string.Join(", ", missing)}");
        }

        var files = ManifestLoader.Load(paths);
        if (files.Count == 0)
        {
            return UsageError(stderr, $"no manifest files (*.yaml, *.yml, *.json) under {string.Join(", ", paths)}");
        }

        var reports = files.Select(FileReport.From).ToList();
        if (format == "json")
        {
            WriteJson(stdout, reports);
        }
        else
        {
            WriteText(stdout, reports);
        }

        return reports.Any(r => r.Errors > 0) ? Invalid : Ok;
    }

    private static void WriteText(TextWriter stdout, List<FileReport> reports)
    {
        foreach (var report in reports)
        {
            foreach (var (finding, document) in report.Findings)
            {
                stdout.WriteLine(Line(report.File, finding, document));
            }

            stdout.WriteLine($"{report.File}: {report.Verdict()}");
        }

        var errors = reports.Sum(r => r.Errors);
        var warnings = reports.Sum(r => r.Warnings);
        stdout.WriteLine(
            $"{(errors > 0 ? "FAILED" : "PASSED")}: {FileReport.Plural(reports.Count, "file")}, {FileReport.Plural(reports.Sum(r => r.SmiObjects), "SMI object")}, "
            + $"{FileReport.Plural(reports.Sum(r => r.Skipped), "document")} skipped as not SMI; {FileReport.Plural(errors, "error")}, {FileReport.Plural(warnings, "warning")}");
    }

    private static string Line(string file, ManifestFinding finding, LoadedDocument? document)
    {
        var severity = finding.Severity == FindingSeverity.Error ? "error" : "warning";
        var subject = document?.Kind is null ? string.Empty : $"{document.DisplayName}: ";
        var path = finding.Path.Length == 0 ? string.Empty : $"{finding.Path}: ";
        var where = document is null ? string.Empty : $" ({Where(document)})";
        return $"{file}:{finding.Position.Line}:{finding.Position.Column}: {severity}: {subject}{path}{finding.Message}{where}";
    }

    private static string Where(LoadedDocument document) =>
        document.ItemIndex is { } item ? $"document {document.Index + 1}, item {item + 1}" : $"document {document.Index + 1}";

    private static void WriteJson(TextWriter stdout, List<FileReport> reports)
    {
        var files = new JsonArray();
        foreach (var report in reports)
        {
            var findings = new JsonArray();
            foreach (var (finding, document) in report.Findings)
            {
                findings.Add(new JsonObject
                {
                    ["severity"] = finding.Severity == FindingSeverity.Error ? "error" : "warning",
                    ["line"] = finding.Position.Line,
                    ["column"] = finding.Position.Column,
                    ["document"] = document is null ? null : document.Index + 1,
                    ["item"] = document?.ItemIndex is { } item ? item + 1 : null,
                    ["apiVersion"] = document?.ApiVersion,
                    ["kind"] = document?.Kind,
                    ["namespace"] = document?.Namespace,
                    ["name"] = document?.Name,
                    ["path"] = finding.Path,
                    ["message"] = finding.Message,
                });
            }

            files.Add(new JsonObject
            {
                ["file"] = report.File,
                ["verdict"] = report.Verdict(),
                ["errors"] = report.Errors,
                ["warnings"] = report.Warnings,
                ["smiObjects"] = report.SmiObjects,
                ["skipped"] = report.Skipped,
                ["findings"] = findings,
            });
        }

        var root = new JsonObject
        {
            ["files"] = files,
            ["summary"] = new JsonObject
            {
                ["files"] = reports.Count,
                ["errors"] = reports.Sum(r => r.Errors),
                ["warnings"] = reports.Sum(r => r.Warnings),
                ["smiObjects"] = reports.Sum(r => r.SmiObjects),
                ["skipped"] = reports.Sum(r => r.Skipped),
            },
        };
        stdout.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"validate: {message}");
        stderr.WriteLine("usage: smi-operator validate <files or folders...> [--output text|json]");
        return Usage;
    }
}
