using System.Text;
using LeBureau.DesktopAgent.Exec;

namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>
/// The <c>bash</c> tool (Anthropic's bash_20250124 input: <c>{command, restart?}</c>). Each command runs in a fresh
/// <c>bash</c> in its own process group, in the agent's home directory: no shell state (cd, variables) carries over
/// from one call to the next, so <c>restart</c> has nothing to reset and only answers "bash restarted".
/// </summary>
internal sealed partial class DesktopToolbox
{
    private async Task<ToolOutput> RunBashAsync(ToolInput call, CancellationToken cancellationToken)
    {
        if (call.OptionalBool("restart"))
        {
            return ToolOutput.Success("bash restarted");
        }

        var command = call.RequiredString("command");
        if (string.IsNullOrWhiteSpace(command))
        {
            return ToolOutput.Error("command is empty");
        }

        var limit = Options.MaxOutputChars;
        var request = new BashRequest(command, TimeoutMs: Options.BashTimeoutMs, MaxOutputBytes: limit);
        var outcome = await exec.BashAsync(request, cancellationToken);
        if (outcome.Value is not { } result)
        {
            return ToolOutput.Error(outcome.Error!);
        }

        var text = BashText(result, limit, Options.BashTimeoutMs);
        return result.TimedOut ? ToolOutput.Error(text) : ToolOutput.Success(text);
    }

    /// <summary>
    /// stdout, then stderr under a "[stderr]" line, then a "[exit code N]" line when it is not 0, "[timed out …]"
    /// and "[output truncated …]" when so; "(no output)" when there is nothing else to say.
    /// </summary>
    internal static string BashText(ExecResult result, int limit, int timeoutMs)
    {
        var text = new StringBuilder(result.Stdout);
        if (result.Stderr.Length > 0)
        {
            AppendLine(text, "[stderr]\n");
            text.Append(result.Stderr);
        }

        var body = EditorText.Truncate(text.ToString(), limit, out var cut);
        text.Clear().Append(body);
        if (result.TimedOut)
        {
            AppendLine(text, $"[timed out after {timeoutMs / 1000.0:0.###} s: the command and its children were killed]");
        }
        else if (result.ExitCode != 0)
        {
            AppendLine(text, $"[exit code {result.ExitCode}]");
        }

        if (result.Truncated || cut)
        {
            AppendLine(text, $"[output truncated: more than {limit} characters]");
        }

        return text.Length > 0 ? text.ToString() : "(no output)";
    }

    private static void AppendLine(StringBuilder text, string line)
    {
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }

        text.Append(line);
    }
}
