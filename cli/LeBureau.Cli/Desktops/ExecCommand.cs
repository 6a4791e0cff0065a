using System.CommandLine;
using LeBureau.Cli.Api;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Output;

namespace LeBureau.Cli.Desktops;

/// <summary><c>lebureau desktops exec ID -- cmd…</c>: runs a command on the desktop; its stdout and stderr are relayed and its exit code is ours.</summary>
public static class ExecCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var desktop = DesktopsCommand.DesktopArgument();
        var words = new Argument<string[]>("command")
        {
            Description = "The command, after --. One word is a bash command line ('ls | wc -l'); several are a command and its arguments.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<OutputFormat?>("--output", "-o") { Description = "Print the result as json or yaml (stdout, stderr, exitCode) instead of relaying it.", HelpName = "json|yaml" };
        var command = new Command("exec", "Run a command on the desktop (bash, as the desktop's user). Exits with the command's exit code.") { desktop, words, output };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var session = await ApiSession.OpenAsync(environment, cancellationToken);
            var id = await DesktopsCommand.ResolveAsync(session, result.GetValue(desktop)!, cancellationToken);
            var line = ExecCommandLine.Join(result.GetValue(words)!);
            var run = await session.CallAsync(client => client.ExecAsync(id, line, cancellationToken));
            if (result.GetValue(output) is { } format and not OutputFormat.Table)
            {
                await ResultWriter.WriteAsync(context.Out, format, run, [run], []);
            }
            else
            {
                await context.Out.WriteAsync(run.Stdout);
                await context.Error.WriteAsync(run.Stderr);
            }
            return run.ExitCode;
        });
        return command;
    }
}
