using System.Text;

namespace Smi.ProxyConfig.Tests;

public sealed class AtomicDirectoryWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "smi-atomic-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Write_FirstTime_CreatesGenerationDataLinkAndVisibleLinks()
    {
        Assert.True(AtomicDirectoryWriter.Write(_directory, [File("config.json", "one")]));

        var generation = new FileInfo(Path.Combine(_directory, "..data")).LinkTarget;
        Assert.NotNull(generation);
        Assert.StartsWith("..", generation, StringComparison.Ordinal);
        Assert.Equal("..data/config.json", new FileInfo(Path.Combine(_directory, "config.json")).LinkTarget);
        Assert.Equal("one", System.IO.File.ReadAllText(Path.Combine(_directory, "config.json")));
    }

    [Fact]
    public void Write_NewContent_SwapsDataLinkAndRemovesOldGeneration()
    {
        AtomicDirectoryWriter.Write(_directory, [File("config.json", "one")]);
        var first = new FileInfo(Path.Combine(_directory, "..data")).LinkTarget!;

        Assert.True(AtomicDirectoryWriter.Write(_directory, [File("config.json", "two")]));

        var second = new FileInfo(Path.Combine(_directory, "..data")).LinkTarget!;
        Assert.NotEqual(first, second);
        Assert.False(Directory.Exists(Path.Combine(_directory, first)));
        Assert.Equal("two", System.IO.File.ReadAllText(Path.Combine(_directory, "config.json")));
        Assert.False(System.IO.File.Exists(Path.Combine(_directory, "..data_tmp")));
    }

    [Fact]
    public void Write_SameContent_ReturnsFalseAndKeepsGeneration()
    {
        AtomicDirectoryWriter.Write(_directory, [File("config.json", "one")]);
        var first = new FileInfo(Path.Combine(_directory, "..data")).LinkTarget;

        Assert.False(AtomicDirectoryWriter.Write(_directory, [File("config.json", "one")]));
        Assert.Equal(first, new FileInfo(Path.Combine(_directory, "..data")).LinkTarget);
    }

    [Fact]
    public void Write_FileDropped_RemovesItsVisibleLink()
    {
        AtomicDirectoryWriter.Write(_directory, [File("config.json", "{}"), File("config.json.gz", "gz")]);

        AtomicDirectoryWriter.Write(_directory, [File("config.json", "{}")]);

        Assert.False(System.IO.File.Exists(Path.Combine(_directory, "config.json.gz")));
        Assert.Null(new FileInfo(Path.Combine(_directory, "config.json.gz")).LinkTarget);
    }

    [Theory]
    [InlineData("..data")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Write_BadName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => AtomicDirectoryWriter.Write(_directory, [File(name, "x")]));
    }

    private static AtomicFile File(string name, string content) => new(name, Encoding.UTF8.GetBytes(content));
}
