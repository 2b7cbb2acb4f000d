// Placeholder entry point until the proxy host lands (issue 4).
Console.Error.WriteLine("smi-proxy: not built yet");
return 2;
