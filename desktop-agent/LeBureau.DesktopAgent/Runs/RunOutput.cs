using LeBureau.AgentContract;

namespace LeBureau.DesktopAgent.Runs;

/// <summary>A run's output as <see cref="RunState"/> carries it: at most <see cref="RunState.MaxOutputChars"/> characters.</summary>
public static class RunOutput
{
    /// <summary>The line between a command's stdout and its stderr.</summary>
    public const string StderrSeparator = "\n[stderr]\n";

    /// <summary>
    /// The bytes kept of each stream of a command: four per character, so that a stream cut at this many bytes is
    /// always longer than the cap in any UTF-8 text (and the cap, not the byte cut, decides where the text ends).
    /// </summary>
    public const int MaxStreamBytes = 4 * RunState.MaxOutputChars;

    /// <summary>
    /// A command's output: stdout, then <see cref="StderrSeparator"/> and stderr when stderr is not empty, capped.
    /// Truncated when the cap cut it or a stream was already cut at <see cref="MaxStreamBytes"/>.
    /// </summary>
    public static (string Text, bool Truncated) OfCommand(string stdout, string stderr, bool streamsTruncated)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var (text, cut) = Cap(stderr.Length == 0 ? stdout : stdout + StderrSeparator + stderr);
        return (text, cut || streamsTruncated);
    }

    /// <summary>The first <see cref="RunState.MaxOutputChars"/> characters of <paramref name="text"/>, and whether it was longer.</summary>
    public static (string Text, bool Truncated) Cap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= RunState.MaxOutputChars) return (text, false);
        var end = RunState.MaxOutputChars;
        // A lone high surrogate at the end would not survive JSON: the whole pair goes.
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return (text[..end], true);
    }
}
