using System.CommandLine;
using System.CommandLine.Invocation;
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
        if (parsed.Action is ParseErrorAction)
        {
            // kubectl's habit: the error and where to look, not the whole help page.
            foreach (var problem in parsed.Errors) await error.WriteLineAsync($"lebureau: {problem.Message}");
            await error.WriteLineAsync($"Run '{string.Join(' ', Path(parsed.CommandResult))} --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c) names.Push(c.Parent is null ? "lebureau" : c.Command.Name);
        }
        return names;
    }
}
