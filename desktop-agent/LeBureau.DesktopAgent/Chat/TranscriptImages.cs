using LeBureau.DesktopAgent.Chat.Model;
using LeBureau.DesktopAgent.Chat.Tools;

namespace LeBureau.DesktopAgent.Chat;

/// <summary>
/// Keeps the newest <c>keep</c> screenshots of a transcript and replaces older ones by a short note: a long task
/// takes hundreds of screenshots, and only the recent ones help the model (the same rule as Anthropic's reference loop).
/// </summary>
public static class TranscriptImages
{
    /// <summary>A copy of <paramref name="transcript"/> with at most <paramref name="keep"/> images.</summary>
    public static IReadOnlyList<TranscriptEntry> KeepNewest(IReadOnlyList<TranscriptEntry> transcript, int keep)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var images = transcript.OfType<ToolResultsEntry>().Sum(r => r.Results.Count(x => x.Output.Image is not null));
        var drop = images - keep;
        if (drop <= 0) return transcript;
        var result = new List<TranscriptEntry>(transcript.Count);
        foreach (var entry in transcript)
        {
            if (drop > 0 && entry is ToolResultsEntry results && results.Results.Any(r => r.Output.Image is not null))
            {
                var kept = new List<ToolResult>(results.Results.Count);
                foreach (var r in results.Results)
                {
                    if (drop > 0 && r.Output.Image is not null)
                    {
                        drop--;
                        kept.Add(r with { Output = r.Output with { Image = null, Text = (r.Output.Text + " [older screenshot removed]").Trim() } });
                    }
                    else
                    {
                        kept.Add(r);
                    }
                }
                result.Add(new ToolResultsEntry(kept));
            }
            else
            {
                result.Add(entry);
            }
        }
        return result;
    }
}
