using System.Security.Cryptography;
using System.Text;
using Smi.Api.Manifests;
using Smi.Api.Validation;

namespace Smi.Manifests;

/// <summary>
/// The objects of a folder of manifests, as `kubectl apply` would leave them, with last-good
/// semantics: a document that fails to parse or validate is reported and ignored, and the object
/// it used to define keeps its last good state; a file that is not well-formed keeps every object
/// it last defined; a deleted file deletes its objects. Unchanged files are not re-read, and their
/// objects stay the same instances (which lets the incremental compiler skip them).
/// </summary>
internal sealed class ManifestFolder(string folder)
{
    private readonly Dictionary<string, (string Hash, LoadedFile File)> _files = new(StringComparer.Ordinal);
    private Dictionary<string, LocalObject> _lastGood = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Re-reads the folder. Returns the objects now in force and the problems found.</summary>
    public (IReadOnlyList<LocalObject> Objects, IReadOnlyList<LocalProblem> Problems) Refresh()
    {
        var problems = new List<LocalProblem>();
        var exists = Directory.Exists(Folder) || File.Exists(Folder);
        var paths = exists ? ManifestLoader.Expand(Folder) : [];
        if (!exists)
        {
            problems.Add(new LocalProblem(Folder, 1, 1, "error", string.Empty, "no such file or folder"));
        }

        var objects = new Dictionary<string, LocalObject>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var file = Read(path);
            var display = Path.GetRelativePath(Environment.CurrentDirectory, path);
            foreach (var error in file.Errors)
            {
                problems.Add(new LocalProblem(display, error.Position.Line, error.Position.Column, "error", string.Empty, $"{error.Message}; this file's objects keep their last good state"));
            }

            if (!file.Errors.IsEmpty)
            {
                KeepLastGood(objects, problems, o => o.File == path);
                continue;
            }

            foreach (var document in file.Documents)
            {
                Take(path, display, document, objects, problems);
            }
        }

        _lastGood = objects;
        foreach (var gone in _files.Keys.Where(p => !paths.Contains(p)).ToList())
        {
            _files.Remove(gone);
        }

        return ([.. objects.Values.OrderBy(o => o.Key, StringComparer.Ordinal)], problems);
    }

    private void Take(string path, string display, LoadedDocument document, Dictionary<string, LocalObject> objects, List<LocalProblem> problems)
    {
        if (document.Content == LoadedContent.Skipped)
        {
            return;
        }

        var findings = ManifestValidation.Validate(document);
        foreach (var finding in findings)
        {
            var severity = finding.Severity == FindingSeverity.Error ? "error" : "warning";
            var path2 = finding.Path.Length > 0 ? finding.Path + ": " : string.Empty;
            problems.Add(new LocalProblem(display, finding.Position.Line, finding.Position.Column, severity, document.DisplayName, path2 + finding.Message));
        }

        var key = KeyOf(document);
        if (findings.Any(f => f.Severity == FindingSeverity.Error) || document.HasErrors)
        {
            if (key is not null)
            {
                KeepLastGood(objects, problems, o => o.Key == key);
            }

            return;
        }

        if (key is null)
        {
            return;
        }

        if (objects.TryGetValue(key, out var existing))
        {
            problems.Add(new LocalProblem(display, document.Position.Line, document.Position.Column, "warning", document.DisplayName, $"also defined in {Path.GetRelativePath(Environment.CurrentDirectory, existing.File)}; the first definition is used"));
            return;
        }

        // Keep the previous instance when it came from an unchanged document (same objects in, same objects out).
        objects[key] = _lastGood.TryGetValue(key, out var previous) && ReferenceEquals(previous.Smi ?? (object?)previous.Kubernetes, document.Smi ?? (object?)document.Kubernetes)
            ? previous
            : new LocalObject(key, path, document.Smi, document.Kubernetes);
    }

    private void KeepLastGood(Dictionary<string, LocalObject> objects, List<LocalProblem> problems, Func<LocalObject, bool> which)
    {
        foreach (var kept in _lastGood.Values.Where(which))
        {
            objects.TryAdd(kept.Key, kept);
        }
    }

    private LoadedFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            // Being written or gone: use what we had; the watcher will call again.
            return _files.TryGetValue(path, out var cached) ? cached.File : ManifestLoader.LoadFile(path);
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (_files.TryGetValue(path, out var known) && known.Hash == hash)
        {
            return known.File;
        }

        var file = ManifestLoader.LoadText(path, text);
        _files[path] = (hash, file);
        return file;
    }

    private static string? KeyOf(LoadedDocument document)
    {
        if (document.Name is null || document.Kind is null)
        {
            return null;
        }

        var group = document.ApiVersion?.Contains('/', StringComparison.Ordinal) == true ? document.ApiVersion[..document.ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
        return $"{group}/{document.Kind} {document.Namespace}/{document.Name}";
    }
}
