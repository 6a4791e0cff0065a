namespace LeBureau.Operator.Desktops;

/// <summary>The idle policy's answer: stop now, or check again after <see cref="CheckAfter"/> (null: no idle deadline).</summary>
public sealed record IdleDecision(bool Stop, TimeSpan? CheckAfter)
{
    /// <summary>No idle deadline applies (keepAlive, stopped, not running yet).</summary>
    public static IdleDecision None { get; } = new(false, null);
}
