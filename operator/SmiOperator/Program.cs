using SmiOperator.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
