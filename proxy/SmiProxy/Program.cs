using SmiProxy.Hosting;

var parsed = SidecarProxyCommandLine.Parse(args, Environment.GetEnvironmentVariable);
if (parsed.ShowHelp)
{
    Console.WriteLine(SidecarProxyCommandLine.HelpText);
    return 0;
}

if (parsed.Error is not null || parsed.Options is null)
{
    Console.Error.WriteLine($"smi-proxy: {parsed.Error}");
    return 2;
}

try
{
    await SidecarProxyHost.RunAsync(parsed.Options);
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"smi-proxy: {ex.Message}");
    return 2;
}
catch (IOException ex)
{
    // Typically a listener address already in use.
    Console.Error.WriteLine($"smi-proxy: cannot start: {ex.Message}");
    return 1;
}
