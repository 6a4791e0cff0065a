using System.Text;

namespace LeBureau.Mcp;

/// <summary>File bytes as text for a model: UTF-8, cut at a limit with a note, binary refused politely (pure).</summary>
public static class TextPreview
{
    public static string Of(byte[] bytes, int limit)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0))
        {
            return $"(binary file of {bytes.Length} bytes; not shown)";
        }
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, limit));
        return bytes.Length > limit ? $"{text}\n… (cut: the file has {bytes.Length} bytes, {limit} shown)" : text;
    }
}
