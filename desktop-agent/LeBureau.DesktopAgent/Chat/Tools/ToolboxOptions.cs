using System.ComponentModel.DataAnnotations;

namespace LeBureau.DesktopAgent.Chat.Tools;

/// <summary>Limits of the chat agent's tools (<see cref="DesktopToolbox"/>).</summary>
public sealed class ToolboxOptions
{
    /// <summary>BashTimeoutMs: how long one <c>bash</c> command may run before its process group is killed; default 120 000, 1..3 600 000.</summary>
    [Range(1, 3_600_000)]
    public int BashTimeoutMs { get; set; } = 120_000;

    /// <summary>
    /// MaxOutputChars: the most text one tool call returns (bash output, file views, directory listings); beyond it
    /// the text is cut and says "truncated". Default 65 536, 1 024..16 777 216.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxOutputChars { get; set; } = 64 * 1024;

    /// <summary>
    /// SettleDelayMs: pause between an action that changes the screen and the screenshot returned with it, so that
    /// applications can repaint; default 50, 0..1000 (a benchmark sets 0).
    /// </summary>
    [Range(0, 1000)]
    public int SettleDelayMs { get; set; } = 50;
}
