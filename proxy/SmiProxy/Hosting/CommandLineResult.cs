using SmiProxy.Settings;

namespace SmiProxy.Hosting;

/// <summary>The outcome of parsing the command line: options to run with, help to print, or an error to report.</summary>
/// <param name="Options">The options, when parsing succeeded and no help was asked for.</param>
/// <param name="ShowHelp">--help was given.</param>
/// <param name="Error">What is wrong with the arguments, in words the user can act on.</param>
public sealed record CommandLineResult(SidecarProxyOptions? Options, bool ShowHelp, string? Error);
