using LeBureau.AgentContract;

namespace LeBureau.DesktopAgent.Runs;

/// <summary>The bounds of <see cref="RunRequest"/>: what <c>POST /runs</c> refuses with 400.</summary>
public static class RunRequestRules
{
    public const int MaxIdLength = 128;
    public const int MaxContentLength = 65_536;
    public const int MaxTimeoutMs = 86_400_000;

    /// <summary>True for 1–128 letters, digits, <c>-</c>, <c>_</c> and <c>.</c> (so an id is always a safe file name).</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: >= 1 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>What is wrong with <paramref name="request"/>, naming the field and its bounds; null when nothing is.</summary>
    public static string? Validate(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsValidId(request.Id))
        {
            return $"'id' must be 1..{MaxIdLength} characters among letters, digits, '-', '_' and '.'; got '{Shorten(request.Id)}'";
        }
        if (!Enum.IsDefined(request.Kind))
        {
            return "'kind' must be command or prompt";
        }
        if (request.Content.Length is < 1 or > MaxContentLength)
        {
            return $"'content' must be 1..{MaxContentLength} characters long; it is {request.Content.Length}";
        }
        if (string.IsNullOrWhiteSpace(request.Content))
        {
            return "'content' must not be blank";
        }
        if (request.TimeoutMs is < 1 or > MaxTimeoutMs)
        {
            return $"'timeoutMs' must be in 1..{MaxTimeoutMs}, got {request.TimeoutMs}";
        }
        return null;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
