using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Smi.Install.Tests.Structure;

/// <summary>
/// Which top-level folders of a project use which others, read from its sources: a file in folder
/// A uses folder B when it has a <c>using Root.B…</c> directive (plain, static, global or alias) or
/// names one of B's types qualified by the folder (<c>B.Type</c> or <c>Root.B.Type</c>), which
/// needs no directive. Files at the project root (Program.cs) belong to no folder.
/// </summary>
internal sealed partial class FolderGraph
{
    private readonly Dictionary<string, SortedDictionary<string, string>> _edges;

    public FolderGraph(IReadOnlyDictionary<string, SortedDictionary<string, string>> edges) =>
        _edges = edges.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>Folders, and for each folder it uses, one file that shows it (relative to the project).</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => _edges;

    /// <summary>Reads the graph of the project at <paramref name="csproj"/>.</summary>
    public static FolderGraph Load(string csproj)
    {
        var directory = Path.GetDirectoryName(csproj)!;
        var root = XDocument.Load(csproj).Descendants("RootNamespace").SingleOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(csproj);
        var folders = Directory.GetDirectories(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f is not ("bin" or "obj"))
            .ToDictionary(f => f, f => Directory.GetFiles(Path.Combine(directory, f), "*.cs", SearchOption.AllDirectories), StringComparer.Ordinal);
        var types = folders.ToDictionary(
            f => f.Key,
            f => f.Value.Select(p => Path.GetFileNameWithoutExtension(p).Split('{')[0]).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        var usingPattern = new Regex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?" + Regex.Escape(root) + @"\.(\w+)", RegexOptions.Multiline);
        var qualifiedPattern = new Regex(@"(?<![\w.])(?:" + Regex.Escape(root) + @"\.)?(\w+)\.(\w+)");
        var edges = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (folder, files) in folders)
        {
            var uses = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                var code = WithoutCommentsAndStrings(File.ReadAllText(file));
                var used = usingPattern.Matches(code).Select(m => m.Groups[1].Value)
                    .Concat(qualifiedPattern.Matches(NamespaceLine().Replace(code, string.Empty))
                        .Where(m => types.TryGetValue(m.Groups[1].Value, out var named) && named.Contains(m.Groups[2].Value))
                        .Select(m => m.Groups[1].Value));
                foreach (var other in used.Where(u => u != folder && folders.ContainsKey(u)))
                {
                    uses.TryAdd(other, Path.GetRelativePath(directory, file));
                }
            }

            edges[folder] = uses;
        }

        return new FolderGraph(edges);
    }

    /// <summary>The groups of folders that use each other in a circle (strongly connected, more than one folder), each sorted.</summary>
    public IReadOnlyList<IReadOnlyList<string>> CyclicGroups()
    {
        // Tarjan's algorithm, over folders in ordinal order so the result is deterministic.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var groups = new List<IReadOnlyList<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in Uses(folder))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], index[next]);
                }
            }

            if (low[folder] == index[folder])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != folder);

                if (group.Count > 1)
                {
                    groups.Add([.. group.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var folder in _edges.Keys.Order(StringComparer.Ordinal).Where(f => !index.ContainsKey(f)))
        {
            Visit(folder);
        }

        return [.. groups.OrderBy(g => g[0], StringComparer.Ordinal)];
    }

    /// <summary>One circle inside <paramref name="group"/>, with the file that shows each step: "A -> B (A/X.cs) -> A (B/Y.cs)".</summary>
    public string DescribeCycle(IReadOnlyList<string> group)
    {
        var members = group.ToHashSet(StringComparer.Ordinal);
        var path = new List<string> { group[0] };
        var seen = new HashSet<string>(StringComparer.Ordinal) { group[0] };
        while (true)
        {
            var next = Uses(path[^1]).Where(members.Contains).First();
            if (!seen.Add(next))
            {
                path = path.SkipWhile(f => f != next).ToList();
                path.Add(next);
                break;
            }

            path.Add(next);
        }

        return path[0] + string.Concat(path.Zip(path.Skip(1)).Select(step => $" -> {step.Second} ({_edges[step.First][step.Second]})"));
    }

    private IEnumerable<string> Uses(string folder) =>
        _edges.TryGetValue(folder, out var uses) ? uses.Keys.Where(_edges.ContainsKey) : [];

    private static string WithoutCommentsAndStrings(string code) =>
        CommentOrString().Replace(code, m => m.Value.StartsWith('/') ? string.Empty : "\"\"");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"^\s*namespace\s+[\w.]+\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}
