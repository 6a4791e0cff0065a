namespace LeBureau.Cli.Hosting;

/// <summary>What a command's handler writes to and reads from.</summary>
/// <param name="Out">Results (stdout).</param>
/// <param name="Error">Errors and progress (stderr), so that stdout stays parseable.</param>
/// <param name="Environment">Environment variables and the current folder.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, CliEnvironment Environment);
