using System.CommandLine;
using LeBureau.Cli.Hosting;

namespace LeBureau.Cli;

/// <summary>Runs a command line: the program's entry point, and the tests' (with their own writers and environment).</summary>
public static class CliRunner
{
    /// <param name="args">The arguments.</param>
    /// <param name="output">stdout.</param>
    /// <param name="error">stderr.</param>
    /// <param name="environment">Environment variables and the current folder.</param>
    /// <param name="handleSignals">Whether Ctrl-C and SIGTERM cancel the command (the program: yes; tests: no).</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliEnvironment environment,
        bool handleSignals = true, CancellationToken cancellationToken = default)
    {
        var parsed = CliCommands.Root(environment).Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        if (!handleSignals) configuration.ProcessTerminationTimeout = null;
        var exitCode = await parsed.InvokeAsync(configuration, cancellationToken);
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
    }
}
